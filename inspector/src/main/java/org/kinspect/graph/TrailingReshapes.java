package org.kinspect.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DL4J maps Flatten, Reshape and Permute to a preprocessor of the layer after them, and gives up
 * ("could not be mapped to Layer, Vertex, or InputPreProcessor") when such a layer is the last one
 * of the model. A linear Activation is put after it for DL4J only: the layer keeps its own vertex,
 * the graph's output is the identity after it, and the inspector, which reports the Keras layers of
 * the model description, never shows the added one.
 */
final class TrailingReshapes {
    private static final Set<String> PREPROCESSOR_LAYERS = Set.of("Flatten", "Reshape", "Permute");
    static final String SUFFIX = "__kinspect_output";

    private TrailingReshapes() {}

    /** Rewrites, in place, a functional configuration ({@code name}, {@code layers}, {@code output_layers}). */
    @SuppressWarnings("unchecked")
    static void rewrite(Map<String, Object> model) {
        List<Object> layers = (List<Object>) model.get("layers");
        if (layers.isEmpty()) {
            return;
        }
        Map<String, Object> last = (Map<String, Object>) layers.get(layers.size() - 1);
        if (!PREPROCESSOR_LAYERS.contains(String.valueOf(last.get("class_name")))) {
            return;
        }
        String name = String.valueOf(((Map<String, Object>) last.get("config")).get("name"));
        String identity = name + SUFFIX;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", identity);
        config.put("activation", "linear");
        config.put("trainable", false);
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("class_name", "Activation");
        layer.put("name", identity);
        layer.put("config", config);
        layer.put("inbound_nodes", List.of(List.of(List.of(name, 0, 0, new LinkedHashMap<>()))));
        layers.add(layer);
        List<Object> declared = (List<Object>) model.get("output_layers");
        if (!declared.isEmpty() && declared.get(0) instanceof String) {
            declared = List.of(declared); // a single endpoint written flat: ["flatten", 0, 0]
        }
        List<Object> outputs = new ArrayList<>();
        for (Object output : declared) {
            List<Object> endpoint = new ArrayList<>((List<Object>) output);
            if (name.equals(endpoint.get(0))) {
                endpoint.set(0, identity);
            }
            outputs.add(endpoint);
        }
        model.put("output_layers", outputs);
    }
}
