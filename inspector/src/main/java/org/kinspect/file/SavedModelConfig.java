package org.kinspect.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.KinspectException;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.NestedModels;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The model configuration of a SavedModel, from its root object's Keras metadata, in the form of
 * a tf.keras HDF5 file's {@code model_config}: the metadata writes tuples as
 * {@code {"class_name": "__tuple__", "items": [...]}} (lists here), and in a Functional model
 * calls a nested model from node 1 (tf.keras gave the nested model a node 0 of its own when it was
 * built, which the HDF5 configuration leaves out) where the HDF5 configuration says node 0.
 *
 * <pre>{@code
 * SavedModelConfig root = SavedModelConfig.of(rootMetadataJson, "my_model");
 * root.modelConfigJson();   // {"class_name": "Sequential", "config": {...}}
 * root.kerasVersion();      // "2.10.0"
 * }</pre>
 *
 * @param modelConfigJson the model configuration, as an HDF5 file would hold it
 * @param trainingConfigJson the training configuration, or null
 * @param kerasVersion the version of tf.keras that saved it, or null
 */
record SavedModelConfig(String modelConfigJson, String trainingConfigJson, String kerasVersion) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param rootMetadataJson the Keras metadata of the SavedModel's root object
     * @param what the SavedModel, for messages
     * @return its configuration
     * @throws KinspectException when the root is not a Keras model with a configuration
     */
    static SavedModelConfig of(String rootMetadataJson, String what) {
        Map<String, Object> root = ConfigNormalizer.parse(rootMetadataJson, what + " (Keras metadata of the root)");
        Object modelConfig = untupled(root.get("model_config"));
        if (!(modelConfig instanceof Map<?, ?> model) || !(model.get("config") instanceof Map<?, ?>)) {
            throw KinspectException.unsupported(what + ": a subclassed Keras model ("
                    + root.getOrDefault("class_name", "no class") + "): it has no configuration, its layers are "
                    + "wired in Python code only; save a Sequential or Functional model");
        }
        renumberNestedModelCalls(model);
        String version = root.get("keras_version") instanceof String text ? text : null;
        Object training = root.get("training_config");
        try {
            return new SavedModelConfig(JSON.writeValueAsString(model),
                    training instanceof Map<?, ?> ? JSON.writeValueAsString(untupled(training)) : null, version);
        } catch (JsonProcessingException e) {
            throw KinspectException.modelFile(what + ": its model configuration cannot be written as JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    /** @return the value with every {@code __tuple__} object turned into the list of its items */
    static Object untupled(Object value) {
        if (value instanceof Map<?, ?> map) {
            if ("__tuple__".equals(map.get("class_name")) && map.get("items") instanceof List<?> items) {
                return untupled(items);
            }
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, untupled(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(untupled(item)));
            return copy;
        }
        return value;
    }

    /**
     * In a Functional configuration, and those nested in it: a nested model referred to with a
     * node index past its listed calls was counted from its own node 0; count from its first call.
     */
    @SuppressWarnings("unchecked")
    private static void renumberNestedModelCalls(Map<?, ?> model) {
        if (!(model.get("config") instanceof Map<?, ?> config) || !(config.get("layers") instanceof List<?> layers)) {
            return;
        }
        Map<String, Integer> callsByNestedModel = new HashMap<>();
        for (Object layerObject : layers) {
            if (layerObject instanceof Map<?, ?> layer && NestedModels.isModel(layer.get("class_name"))) {
                renumberNestedModelCalls(layer);
                String name = String.valueOf(layer.get("name") != null ? layer.get("name")
                        : layer.get("config") instanceof Map<?, ?> layerConfig ? layerConfig.get("name") : null);
                int calls = layer.get("inbound_nodes") instanceof List<?> nodes ? nodes.size() : 0;
                callsByNestedModel.put(name, calls);
            }
        }
        if (callsByNestedModel.isEmpty()) {
            return;
        }
        List<Object> everyReference = new ArrayList<>();
        for (Object layerObject : layers) {
            if (layerObject instanceof Map<?, ?> layer) {
                everyReference.add(layer.get("inbound_nodes"));
            }
        }
        everyReference.add(config.get("output_layers"));
        Map<String, Integer> highest = new HashMap<>();
        Map<String, Integer> lowest = new HashMap<>();
        forEachReference(everyReference, callsByNestedModel, (reference, name) -> {
            int node = ((Number) reference.get(1)).intValue();
            highest.merge(name, node, Math::max);
            lowest.merge(name, node, Math::min);
        });
        forEachReference(everyReference, callsByNestedModel, (reference, name) -> {
            if (highest.get(name) >= callsByNestedModel.get(name) && lowest.get(name) >= 1) {
                ((List<Object>) reference).set(1, ((Number) reference.get(1)).intValue() - 1);
            }
        });
    }

    /** Calls {@code action} on every {@code [layer, node, tensor, ...]} list naming one of {@code names}. */
    private static void forEachReference(Object value, Map<String, Integer> names,
            java.util.function.BiConsumer<List<?>, String> action) {
        if (value instanceof List<?> list) {
            if (list.size() >= 3 && list.get(0) instanceof String name && list.get(1) instanceof Number
                    && list.get(2) instanceof Number && names.containsKey(name)) {
                action.accept(list, name);
                return;
            }
            list.forEach(item -> forEachReference(item, names, action));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> forEachReference(item, names, action));
        }
    }
}
