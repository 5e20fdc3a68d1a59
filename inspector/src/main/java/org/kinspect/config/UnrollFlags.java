package org.kinspect.config;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code unroll=True} only changes how a recurrent layer's loop runs, not its numbers.
 * DL4J's importer reads it as a request for truncated backpropagation through time, which then
 * refuses the graph when the layer returns only its last step; so the flag is cleared.
 *
 * <pre>{@code
 * UnrollFlags.clear(model); // {"class_name": "LSTM", "config": {"unroll": true}} -> "unroll": false
 * }</pre>
 */
final class UnrollFlags {
    private UnrollFlags() {}

    /** @param configuration a parsed model configuration, changed in place (also nested layers) */
    @SuppressWarnings("unchecked")
    static void clear(Object configuration) {
        if (configuration instanceof List<?> list) {
            list.forEach(UnrollFlags::clear);
        } else if (configuration instanceof Map<?, ?> map) {
            map.values().forEach(UnrollFlags::clear);
            if (map.get("config") instanceof Map<?, ?> config && Boolean.TRUE.equals(config.get("unroll"))) {
                ((Map<String, Object>) config).put("unroll", false);
            }
        }
    }
}
