package org.kinspect.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;
import org.kinspect.safety.UntrustedJson;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The model configuration of a SavedModel, from its root object's Keras metadata, in the JSON form
 * of a tf.keras HDF5 file's {@code model_config}: the metadata writes tuples as
 * {@code {"class_name": "__tuple__", "items": [...]}} (lists here). Nothing else is changed: the
 * metadata's node numbering of nested model calls is read by {@code config} (its
 * {@code NestedModelCalls}), like any other part of the configuration.
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
        Map<String, Object> root = UntrustedJson.object(rootMetadataJson, what + " (Keras metadata of the root)");
        Object modelConfig = untupled(root.get("model_config"));
        if (!(modelConfig instanceof Map<?, ?> model) || !(model.get("config") instanceof Map<?, ?>)) {
            throw KinspectException.unsupported(what + ": a subclassed Keras model ("
                    + root.getOrDefault("class_name", "no class") + "): it has no configuration, its layers are "
                    + "wired in Python code only; save a Sequential or Functional model");
        }
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
}
