package org.kinspect.graph.attention;

import java.util.Map;
import org.kinspect.config.AttentionCall;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.base.UnsupportedLayerOption;

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

    /**
     * @return the call Keras 3 or tf.keras recorded, or a refusal for a layer whose call the
     *     configuration does not record (one inside a wrapper)
     */
    AttentionCall call() throws UnsupportedLayerOption {
        return ImportHints.current().of(layerName).notes().attentionCallRecorded().orElseThrow(() -> refused("the configuration records no call of it"
                + " (its query, value and key), which kinspect needs; call it in a functional model"));
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
