package org.kinspect.graph.attention;

import java.util.Map;
import org.kinspect.config.AttentionCall;
import org.kinspect.graph.layers.UnsupportedLayerOption;

/**
 * Reading an attention layer's normalised configuration: its fields, its {@link AttentionCall},
 * and refusals naming the layer.
 *
 * @param layerName the Keras layer's name
 * @param className its Keras class
 * @param config its configuration (Keras 2 form, as DL4J hands it to the mapper)
 */
record AttentionLayerConfig(String layerName, String className, Map<String, Object> config) {

    @SuppressWarnings("unchecked")
    static AttentionLayerConfig of(Map<String, Object> layerConfig) {
        Map<String, Object> config = layerConfig.get("config") instanceof Map<?, ?> inner
                ? (Map<String, Object>) inner : Map.of();
        return new AttentionLayerConfig(String.valueOf(config.get("name")), String.valueOf(layerConfig.get("class_name")),
                config);
    }

    /** @return the call Keras 3 recorded, or a refusal for a configuration Keras 1 or 2 wrote */
    AttentionCall call() throws UnsupportedLayerOption {
        return AttentionCall.fromConfig(config).orElseThrow(() -> refused("its call arguments were written by "
                + "Keras 1 or 2 (tf.keras), which kinspect does not read for attention layers yet; save the model "
                + "with Keras 3"));
    }

    boolean flag(String field, boolean otherwise) {
        return config.get(field) instanceof Boolean value ? value : otherwise;
    }

    int positiveInteger(String field) throws UnsupportedLayerOption {
        if (config.get(field) instanceof Number number && number.intValue() > 0) {
            return number.intValue();
        }
        throw refused("its " + field + " is " + config.get(field) + ", not a positive integer");
    }

    /** Refuses an option unless it has the value kinspect computes (null: unset). */
    void requireUnset(String field, Object... allowed) throws UnsupportedLayerOption {
        Object value = config.get(field);
        if (value == null) {
            return;
        }
        for (Object fine : allowed) {
            if (fine.equals(value) || fine instanceof Number number && value instanceof Number given
                    && number.doubleValue() == given.doubleValue()) {
                return;
            }
        }
        throw refused("its option " + field + "=" + value + " is not supported yet");
    }

    /** @return a refusal of this layer; the importer adds the file and the layer's class */
    UnsupportedLayerOption refused(String why) {
        return new UnsupportedLayerOption(className + " layer '" + layerName + "': " + why);
    }
}
