package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the layers a layer is called on from its {@code inbound_nodes}, in the forms Keras 1 and 2
 * write: {@code [[["dense_1", 0, 0, {}], ...]]} (one list per call, one entry per input tensor).
 */
final class InboundNodes {

    private InboundNodes() {}

    static List<String> layerNames(Object inboundNodes) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (inboundNodes instanceof List<?> calls) {
            for (Object call : calls) {
                if (call instanceof List<?> tensors) {
                    collect(tensors, names);
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static void collect(List<?> tensors, LinkedHashSet<String> names) {
        if (!tensors.isEmpty() && tensors.get(0) instanceof String name) {
            names.add(name); // a single tensor written flat: ["dense_1", 0, 0, {}]
            return;
        }
        for (Object tensor : tensors) {
            if (tensor instanceof List<?> entry && !entry.isEmpty() && entry.get(0) instanceof String name) {
                names.add(name);
            } else if (tensor instanceof Map<?, ?>) {
                // keyword arguments of the call: not a tensor
            }
        }
    }
}
