package org.kinspect.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.errors.KinspectException;

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
    private static final String STACK_CLASS = "StackedRNNCells";
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
     * @param className a layer's Keras class
     * @param config its configuration, in Keras 2 or Keras 3 form
     * @return the cells of an RNN around a stack of cells (StackedRNNCells), each
     *     {@code {class_name, config}}, or null when it is not one
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> stackedCells(String className, Map<String, Object> config) {
        if (WRAPPER_CLASS.equals(className) && config.get("cell") instanceof Map<?, ?> cell
                && STACK_CLASS.equals(cell.get("class_name")) && cell.get("config") instanceof Map<?, ?> stack
                && stack.get("cells") instanceof List<?> cells
                && cells.stream().allMatch(item -> item instanceof Map<?, ?>)) {
            return (List<Map<String, Object>>) cells;
        }
        return null;
    }

    /**
     * A stack of n cells is imported as n layers, one per cell, each reading the sequence of the
     * one before; the last keeps the RNN's name, the others are named after it
     * ({@code stacked__cell_1}), as kinspect names the extra outputs of a layer.
     *
     * @param rnnName the RNN layer's name
     * @param index the cell's place in the stack, from 0
     * @param count how many cells the stack has
     * @return the name of the layer that computes that cell
     */
    public static String stackedLayerName(String rnnName, int index, int count) {
        return index == count - 1 ? rnnName : rnnName + "__cell_" + (index + 1);
    }

    /**
     * Rewrites, in place, every RNN layer anywhere in a configuration (also inside Bidirectional,
     * TimeDistributed and nested models) into the recurrent layer it computes like. An RNN around a
     * stack of cells among the model's own layers becomes one layer per cell when it returns no
     * states, starts from zeros, reads forwards and is called once.
     *
     * @param model a parsed model configuration
     * @param source the file, for messages
     * @throws KinspectException when an RNN wraps something other than one LSTMCell, GRUCell or
     *     SimpleRNNCell (or a stack of them as above), or runs time-major
     */
    @SuppressWarnings("unchecked")
    static void rewrite(Map<String, Object> model, String source) {
        if (model.get("config") instanceof Map<?, ?> config && config.get("layers") instanceof List<?> layers) {
            expandStacks((List<Object>) layers);
        }
        rewriteEach(model, source);
    }

    @SuppressWarnings("unchecked")
    private static void expandStacks(List<Object> layers) {
        for (int position = layers.size() - 1; position >= 0; position--) {
            if (layers.get(position) instanceof Map<?, ?> entry && entry.get("config") instanceof Map<?, ?> config
                    && expandable((Map<String, Object>) entry, (Map<String, Object>) config)) {
                layers.remove(position);
                layers.addAll(position, expanded((Map<String, Object>) entry, (Map<String, Object>) config));
            }
        }
    }

    private static boolean expandable(Map<String, Object> entry, Map<String, Object> config) {
        List<Map<String, Object>> cells = stackedCells(String.valueOf(entry.get("class_name")), config);
        if (cells == null || cells.isEmpty() || cells.stream().anyMatch(cell -> !(cell.get("config") instanceof Map<?, ?>)
                || !LAYER_OF_CELL.containsKey(String.valueOf(cell.get("class_name"))))) {
            return false;
        }
        for (String flag : List.of("return_state", "go_backwards", "stateful", "time_major")) {
            if (Boolean.TRUE.equals(config.get(flag))) {
                return false;
            }
        }
        // called once, on one tensor: no initial states
        return !(entry.get("inbound_nodes") instanceof List<?> nodes) || nodes.isEmpty()
                || nodes.size() == 1 && nodes.get(0) instanceof List<?> node && node.size() == 1;
    }

    private static List<Object> expanded(Map<String, Object> entry, Map<String, Object> config) {
        List<Map<String, Object>> cells = stackedCells(WRAPPER_CLASS, config);
        String rnnName = String.valueOf(config.get("name"));
        List<Object> layers = new java.util.ArrayList<>();
        String previous = null;
        for (int index = 0; index < cells.size(); index++) {
            String name = stackedLayerName(rnnName, index, cells.size());
            Map<String, Object> single = new LinkedHashMap<>(config);
            single.put("cell", cells.get(index));
            single.put("name", name);
            if (index < cells.size() - 1) {
                single.put("return_sequences", true);
            }
            Equivalent equivalent = equivalent(WRAPPER_CLASS, single);
            if (index < cells.size() - 1) {
                equivalent.config().put("zero_output_for_mask", true);
                // Keras 3 hands a mask to the whole stack, but a recurrent layer hands none on: this
                // layer outputs zeros at padded steps instead, for the next cell's layer to find
                equivalent.config().put(LayerNotes.INTERMEDIATE_CELL, true);
            }
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("class_name", equivalent.className());
            layer.put("config", equivalent.config());
            if (entry.containsKey("name")) {
                layer.put("name", name);
            }
            if (entry.containsKey("inbound_nodes")) {
                layer.put("inbound_nodes", previous == null ? entry.get("inbound_nodes")
                        : List.of(List.of(List.of(previous, 0, 0, Map.of()))));
            }
            layers.add(layer);
            previous = name;
        }
        return layers;
    }

    @SuppressWarnings("unchecked")
    private static void rewriteEach(Object configuration, String source) {
        if (configuration instanceof List<?> list) {
            list.forEach(item -> rewriteEach(item, source));
            return;
        }
        if (!(configuration instanceof Map<?, ?> map)) {
            return;
        }
        map.values().forEach(value -> rewriteEach(value, source));
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
        List<Map<String, Object>> cells = stackedCells(WRAPPER_CLASS, config);
        if (cells != null) {
            String reason = cells.stream().map(stacked -> String.valueOf(stacked.get("class_name")))
                    .filter(cellClass -> !LAYER_OF_CELL.containsKey(cellClass)).findFirst()
                    .map(cellClass -> "a " + cellClass + " cell")
                    .orElse(List.of("return_state", "go_backwards", "stateful").stream()
                            .filter(flag -> Boolean.TRUE.equals(config.get(flag))).findFirst().map(flag -> flag + "=True")
                            .orElse("initial states, more than one call or inside another layer"));
            return KinspectException.unsupported(prefix + "kinspect imports a stack of cells (StackedRNNCells) as one"
                    + " layer per cell, but not with " + reason + "; build the model with one LSTM, GRU or SimpleRNN"
                    + " layer per cell");
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
