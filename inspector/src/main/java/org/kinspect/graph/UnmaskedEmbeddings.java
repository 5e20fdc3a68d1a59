package org.kinspect.graph;

import java.util.List;
import java.util.Map;

/**
 * kinspect computes Keras masks itself, from the token ids ({@code InputMask}, {@code KerasMasks}).
 * Told {@code mask_zero}, DL4J's mapper zeroes row 0 of the embedding table (so that padding is
 * found by content, together with any real token whose row is zero) and Keras reports that row: DL4J
 * is told {@code mask_zero=false}.
 *
 * <pre>{@code
 * UnmaskedEmbeddings.apply(layers); // before DL4J's KerasModel reads the layer list
 * }</pre>
 */
final class UnmaskedEmbeddings {

    private UnmaskedEmbeddings() {}

    /** @param layers the layer list DL4J will read, changed in place */
    @SuppressWarnings("unchecked")
    static void apply(List<Object> layers) {
        for (Object layer : layers) {
            Map<String, Object> entry = (Map<String, Object>) layer;
            if ("Embedding".equals(entry.get("class_name")) && entry.get("config") instanceof Map<?, ?> config
                    && config.containsKey("mask_zero")) {
                ((Map<String, Object>) config).put("mask_zero", false);
            }
        }
    }
}
