package org.kinspect.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives an Embedding that reads a model input of known length that length as its
 * {@code input_length}, when its configuration leaves it open (Keras 3 always does; tf.keras
 * when the Embedding was built without one, as in a nested Sequential called on a longer input).
 * DL4J describes an Embedding without {@code input_length} as giving sequences of one step, so the
 * shapes of every operation after it (a Dot of two embedded sequences, a Permute) come out wrong.
 *
 * <pre>{@code
 * EmbeddingLengths.fill(functional); // in place
 * }</pre>
 */
final class EmbeddingLengths {

    private EmbeddingLengths() {}

    /** @param functional a configuration in Keras 2 functional form, changed in place */
    @SuppressWarnings("unchecked")
    static void fill(Map<String, Object> functional) {
        if (!(functional.get("layers") instanceof List<?> layers)) {
            return;
        }
        Map<String, Integer> inputLengths = new HashMap<>();
        for (Object layerObject : layers) {
            if (layerObject instanceof Map<?, ?> layer && "InputLayer".equals(layer.get("class_name"))
                    && layer.get("config") instanceof Map<?, ?> config
                    && config.get("batch_input_shape") instanceof List<?> shape && shape.size() == 2
                    && shape.get(1) instanceof Number length) {
                inputLengths.put(String.valueOf(config.get("name")), length.intValue());
            }
        }
        for (Object layerObject : layers) {
            if (layerObject instanceof Map<?, ?> layer && "Embedding".equals(layer.get("class_name"))
                    && layer.get("config") instanceof Map<?, ?> config && config.get("input_length") == null
                    && layer.get("inbound_nodes") instanceof List<?> nodes && nodes.size() == 1
                    && nodes.get(0) instanceof List<?> node && node.size() == 1
                    && node.get(0) instanceof List<?> tensor && !tensor.isEmpty()
                    && inputLengths.containsKey(String.valueOf(tensor.get(0)))) {
                ((Map<String, Object>) config).put("input_length", inputLengths.get(String.valueOf(tensor.get(0))));
            }
        }
    }
}
