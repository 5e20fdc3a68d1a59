package org.kinspect.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the tensors a layer is called on from its {@code inbound_nodes}, in the forms Keras 1 and 2
 * write: {@code [[["dense_1", 0, 0, {}], ...]]} (one list per call, one entry per input tensor).
 * A recurrent layer's initial states are tensors after the first; when a writer put them in the
 * call's keyword arguments instead ({@code {"initial_state": [["lstm_1", 0, 1], ...]}}), they are
 * read from there, so that they always follow the layer's input.
 */
final class InboundNodes {

    private InboundNodes() {}

    static List<TensorRef> tensors(Object inboundNodes) {
        List<TensorRef> tensors = new ArrayList<>();
        if (inboundNodes instanceof List<?> calls) {
            for (Object call : calls) {
                if (call instanceof List<?> entries) {
                    collect(entries, tensors);
                }
            }
        }
        return tensors;
    }

    /** @return how many times the layer is called: one entry of {@code inbound_nodes} per call */
    static int callCount(Object inboundNodes) {
        return inboundNodes instanceof List<?> calls ? calls.size() : 0;
    }

    private static void collect(List<?> entries, List<TensorRef> tensors) {
        if (!entries.isEmpty() && entries.get(0) instanceof String) {
            add(entries, tensors); // a single tensor written flat: ["dense_1", 0, 0, {}]
            return;
        }
        for (Object entry : entries) {
            if (entry instanceof List<?> tensor) {
                add(tensor, tensors);
            }
        }
    }

    private static void add(List<?> tensor, List<TensorRef> tensors) {
        tensors.add(reference(tensor));
        if (tensor.size() > 3 && tensor.get(3) instanceof Map<?, ?> kwargs
                && kwargs.get("initial_state") instanceof List<?> states) {
            if (!states.isEmpty() && states.get(0) instanceof String) {
                tensors.add(reference(states));
            } else {
                for (Object state : states) {
                    if (state instanceof List<?> stateTensor && !stateTensor.isEmpty()) {
                        tensors.add(reference(stateTensor));
                    }
                }
            }
        }
    }

    private static TensorRef reference(List<?> tensor) {
        return new TensorRef(String.valueOf(tensor.get(0)), index(tensor, 1), index(tensor, 2));
    }

    private static int index(List<?> tensor, int position) {
        return tensor.size() > position && tensor.get(position) instanceof Number number ? number.intValue() : 0;
    }
}
