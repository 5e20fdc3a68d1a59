package org.kinspect.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.KinspectException;

/**
 * Keras's generic recurrent wrapper around one built-in cell computes what the matching recurrent
 * layer computes: {@code RNN(LSTMCell(4))} is {@code LSTM(4)}, and Keras 3 even writes an LSTM's
 * configuration as the RNN's flags merged with its cell's. Such a wrapper is rewritten into that
 * layer, so every recurrent feature (states, masks, Bidirectional, reversing) applies to it; other
 * wrappers (a stack of cells, a custom cell) are refused by name.
 *
 * <pre>{@code
 * // {"class_name": "RNN", "config": {"name": "rnn", "return_sequences": true,
 * //     "cell": {"class_name": "LSTMCell", "config": {"units": 4, ...}}}}
 * RecurrentCellLayers.rewrite(model, "model.keras");
 * // {"class_name": "LSTM", "config": {"name": "rnn", "return_sequences": true, "units": 4, ...}}
 * }</pre>
 */
public final class RecurrentCellLayers {
    /** Keras's class of the generic recurrent wrapper. */
    public static final String WRAPPER_CLASS = "RNN";
    private static final Map<String, String> LAYER_OF_CELL = Map.of("LSTMCell", "LSTM", "GRUCell", "GRU",
            "SimpleRNNCell", "SimpleRNN");
    // A cell's own identity; the layer takes the wrapper's.
    private static final Set<String> CELL_IDENTITY = Set.of("name", "trainable", "dtype");

    private RecurrentCellLayers() {}

    /**
     * @param className a layer's Keras class
     * @param config its configuration, in Keras 2 or Keras 3 form
     * @return the class of the layer it computes like ({@code LSTM}, {@code GRU}, {@code SimpleRNN})
     *     and that layer's configuration, or null when it is not an RNN around one built-in cell
     */
    public static Equivalent equivalent(String className, Map<String, Object> config) {
        if (!WRAPPER_CLASS.equals(className) || !(config.get("cell") instanceof Map<?, ?> cell)
                || Boolean.TRUE.equals(config.get("time_major"))) {
            return null;
        }
        String layerClass = LAYER_OF_CELL.get(String.valueOf(cell.get("class_name")));
        if (layerClass == null || !(cell.get("config") instanceof Map<?, ?> cellConfig)) {
            return null;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (!key.equals("cell")) {
                merged.put(key, value);
            }
        });
        cellConfig.forEach((key, value) -> {
            if (!CELL_IDENTITY.contains(String.valueOf(key))) {
                merged.put(String.valueOf(key), value);
            }
        });
        return new Equivalent(layerClass, merged);
    }

    /**
     * Rewrites, in place, every RNN layer anywhere in a configuration (also inside Bidirectional,
     * TimeDistributed and nested models) into the recurrent layer it computes like.
     *
     * @param configuration a parsed model configuration
     * @param source the file, for messages
     * @throws KinspectException when an RNN wraps something other than one LSTMCell, GRUCell or
     *     SimpleRNNCell, or runs time-major
     */
    @SuppressWarnings("unchecked")
    static void rewrite(Object configuration, String source) {
        if (configuration instanceof List<?> list) {
            list.forEach(item -> rewrite(item, source));
            return;
        }
        if (!(configuration instanceof Map<?, ?> map)) {
            return;
        }
        map.values().forEach(value -> rewrite(value, source));
        if (WRAPPER_CLASS.equals(map.get("class_name")) && map.get("config") instanceof Map<?, ?> config) {
            Equivalent equivalent = equivalent(WRAPPER_CLASS, (Map<String, Object>) config);
            if (equivalent == null) {
                throw refusal((Map<String, Object>) config, source);
            }
            Map<String, Object> layer = (Map<String, Object>) map;
            layer.put("class_name", equivalent.className());
            layer.put("config", equivalent.config());
        }
    }

    private static KinspectException refusal(Map<String, Object> config, String source) {
        String prefix = source + ": cannot import layer '" + config.get("name") + "' (RNN): ";
        if (Boolean.TRUE.equals(config.get("time_major"))) {
            return KinspectException.unsupported(prefix + "it reads its input time-major, which kinspect does not;"
                    + " save the model with time_major=False");
        }
        Object cell = config.get("cell") instanceof Map<?, ?> map ? map.get("class_name") : config.get("cell");
        if ("StackedRNNCells".equals(cell) || cell instanceof List<?>) {
            return KinspectException.unsupported(prefix + "it runs a stack of cells (StackedRNNCells), which kinspect"
                    + " does not import; build the model with one LSTM, GRU or SimpleRNN layer per cell");
        }
        return KinspectException.unsupported(prefix + "its cell is a " + cell + ", which kinspect cannot compute;"
                + " only RNN layers around one LSTMCell, GRUCell or SimpleRNNCell are imported");
    }

    /**
     * The recurrent layer an RNN computes like.
     *
     * @param className {@code LSTM}, {@code GRU} or {@code SimpleRNN}
     * @param config the layer's configuration: the RNN's, with its cell's merged in
     */
    public record Equivalent(String className, Map<String, Object> config) {}
}
