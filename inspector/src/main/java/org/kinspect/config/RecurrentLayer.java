package org.kinspect.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kinspect.catalog.KerasClasses;

/**
 * A recurrent layer (LSTM, GRU, SimpleRNN, or a Bidirectional wrapper of one) as far as its states
 * go: how many it has, how big they are, which tensors give their initial values and whether it
 * returns them.
 *
 * <pre>{@code
 * RecurrentLayer decoder = RecurrentLayer.of(spec.layer("lstm_2").orElseThrow()).orElseThrow();
 * decoder.stateNames();    // [h, c]
 * decoder.initialStates(); // [("lstm_1", 0, 1), ("lstm_1", 0, 2)]: the encoder's h and c
 * }</pre>
 *
 * @param name the Keras layer name
 * @param cell the recurrent class: {@code LSTM}, {@code GRU} or {@code SimpleRNN} (also inside a
 *     Bidirectional wrapper)
 * @param bidirectional whether the layer is a Bidirectional wrapper
 * @param mergeMode how a Bidirectional wrapper merges its two directions ({@code concat},
 *     {@code sum}, {@code mul}, {@code ave}); null for a plain layer
 * @param units the size of each state
 * @param returnSequences whether it outputs every step, not only the last
 * @param returnState whether it outputs its final states after its output
 * @param stateful whether Keras carries its states from one batch to the next
 * @param input the sequence it reads
 * @param initialStates the tensors giving its initial states, in Keras's order; empty when they
 *     start from zeros
 */
public record RecurrentLayer(String name, String cell, boolean bidirectional, String mergeMode, int units,
        boolean returnSequences, boolean returnState, boolean stateful, TensorRef input,
        List<TensorRef> initialStates) {

    public RecurrentLayer {
        initialStates = List.copyOf(initialStates);
    }

    /**
     * @param layer any layer
     * @return the layer as a recurrent layer, or empty when it is not one
     */
    public static Optional<RecurrentLayer> of(LayerSpec layer) {
        boolean bidirectional = "Bidirectional".equals(layer.className());
        Map<String, Object> config = layer.config();
        String cell = layer.className();
        String mergeMode = null;
        if (bidirectional) {
            if (!(config.get("layer") instanceof Map<?, ?> wrapped) || !(wrapped.get("config") instanceof Map<?, ?>)) {
                return Optional.empty();
            }
            cell = String.valueOf(wrapped.get("class_name"));
            @SuppressWarnings("unchecked")
            Map<String, Object> wrappedConfig = (Map<String, Object>) wrapped.get("config");
            config = wrappedConfig;
            mergeMode = String.valueOf(layer.config().get("merge_mode"));
        }
        if (statesPerDirection(cell) == 0 || layer.inboundTensors().isEmpty()) {
            return Optional.empty();
        }
        Object units = config.containsKey("units") ? config.get("units") : config.get("output_dim");
        List<TensorRef> inbound = layer.inboundTensors();
        return Optional.of(new RecurrentLayer(layer.name(), cell, bidirectional, mergeMode,
                units instanceof Number number ? number.intValue() : -1,
                Boolean.TRUE.equals(config.get("return_sequences")), Boolean.TRUE.equals(config.get("return_state")),
                Boolean.TRUE.equals(config.get("stateful")), inbound.get(0), inbound.subList(1, inbound.size())));
    }

    /**
     * @param spec a model
     * @return its recurrent layers, in Keras's order
     */
    public static List<RecurrentLayer> in(ModelSpec spec) {
        return spec.layers().stream().flatMap(layer -> of(layer).stream()).toList();
    }

    /** @return how many states each direction has: 2 for an LSTM (h, c), 1 for GRU and SimpleRNN (h) */
    public int statesPerDirection() {
        return statesPerDirection(cell);
    }

    /** @return how many vector states a direction of that class has; 0 when it has none (not recurrent, ConvLSTM2D) */
    private static int statesPerDirection(String className) {
        return KerasClasses.find(className).map(found -> found.recurrence().statesPerDirection()).orElse(0);
    }

    /** @return how many states the layer has in all (both directions of a Bidirectional wrapper) */
    public int stateCount() {
        return statesPerDirection() * (bidirectional ? 2 : 1);
    }

    /**
     * @return the states' names in Keras's order: {@code [h, c]}, {@code [h]}, or for a Bidirectional
     *     wrapper {@code [forward_h, forward_c, backward_h, backward_c]}
     */
    public List<String> stateNames() {
        List<String> perDirection = statesPerDirection() == 2 ? List.of("h", "c") : List.of("h");
        if (!bidirectional) {
            return perDirection;
        }
        List<String> names = new ArrayList<>();
        perDirection.forEach(state -> names.add("forward_" + state));
        perDirection.forEach(state -> names.add("backward_" + state));
        return names;
    }

    /** @return the size of its output per step: twice the units for a concatenating Bidirectional */
    public int outputSize() {
        return bidirectional && "concat".equals(mergeMode) ? 2 * units : units;
    }

    /** @return how many outputs Keras gives: 1, or 1 + the states with {@code return_state} */
    public int outputCount() {
        return returnState ? 1 + stateCount() : 1;
    }

    /** @return whether Keras gives it initial states from other tensors */
    public boolean hasInitialStates() {
        return !initialStates.isEmpty();
    }
}
