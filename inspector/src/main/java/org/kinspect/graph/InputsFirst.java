package org.kinspect.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * DL4J's importer gives the graph's inputs their types in the order the input layers appear in
 * the layer list, but names them in {@code input_layers} order; Keras 3 may list them otherwise
 * (a context vector before the sequence). Then the input layers are moved to the front, in
 * {@code input_layers} order.
 *
 * <pre>{@code
 * InputsFirst.apply(spec.inputNames(), layers); // before DL4J's KerasModel reads the layer list
 * }</pre>
 */
final class InputsFirst {

    private InputsFirst() {}

    /**
     * @param inputNames the model's inputs, in order
     * @param layers the layer list DL4J will read, changed in place
     */
    static void apply(List<String> inputNames, List<Object> layers) {
        List<Object> listed = new ArrayList<>();
        for (Object layer : layers) {
            if (inputNames.contains(name(layer))) {
                listed.add(layer);
            }
        }
        List<Object> wanted = new ArrayList<>(listed);
        wanted.sort(Comparator.comparingInt(layer -> inputNames.indexOf(name(layer))));
        if (!wanted.equals(listed)) {
            layers.removeAll(wanted);
            layers.addAll(0, wanted);
        }
    }

    private static String name(Object layer) {
        return String.valueOf(((Map<?, ?>) ((Map<?, ?>) layer).get("config")).get("name"));
    }
}
