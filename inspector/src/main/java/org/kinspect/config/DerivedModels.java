package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models made from a model's own layers (its encoder, its decoder step, the model with its
 * recurrent layers returning their states): the layer entries to change, and the description of
 * the result. The weights stay the original model's, found by layer name.
 */
final class DerivedModels {
    private DerivedModels() {}

    /** @return a copy of the model's layer entries (Keras 2 functional form), to be changed freely */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> layerEntries(ModelSpec spec) {
        List<Object> layers = (List<Object>) ((Map<String, Object>) spec.functionalConfig().get("config")).get("layers");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object layer : ConfigValues.mutableCopy(layers)) {
            entries.add((Map<String, Object>) layer);
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    static String layerName(Map<String, Object> entry) {
        return String.valueOf(((Map<String, Object>) entry.get("config")).get("name"));
    }

    /** Makes a recurrent layer's entry return its states ({@code return_state=True}). */
    @SuppressWarnings("unchecked")
    static void returnStates(Map<String, Object> entry) {
        Map<String, Object> config = (Map<String, Object>) entry.get("config");
        if (config.get("layer") instanceof Map<?, ?> wrapped) { // Bidirectional: the wrapped layer says
            config = (Map<String, Object>) wrapped.get("config");
        }
        config.put("return_state", true);
    }

    /**
     * @param spec the original model
     * @param name the new model's name
     * @param layers its layer entries
     * @param inputs its input layers, in order
     * @param outputs its outputs, in order
     * @return the new model, as read from the same file as the original
     */
    static ModelSpec describe(ModelSpec spec, String name, List<Object> layers, List<String> inputs,
            List<TensorRef> outputs) {
        Map<String, Object> functional = new LinkedHashMap<>();
        functional.put("name", name);
        functional.put("layers", layers);
        functional.put("input_layers", inputs.stream().map(input -> List.of(input, 0, 0)).toList());
        functional.put("output_layers",
                outputs.stream().map(output -> List.of(output.layer(), output.node(), output.index())).toList());
        return ConfigNormalizer.describe(functional, "Functional", spec.kerasMajorVersion(), spec.backend(), name,
                layer -> spec.layer(layer).map(LayerSpec::notes).orElse(LayerNotes.NONE));
    }

    /** @return {@code [layer, node, index, {}]}, a tensor as Keras 2 lists it in inbound_nodes */
    static List<Object> tensorEntry(TensorRef tensor) {
        List<Object> entry = new ArrayList<>();
        entry.add(tensor.layer());
        entry.add(tensor.node());
        entry.add(tensor.index());
        entry.add(new LinkedHashMap<>());
        return entry;
    }
}
