package org.kinspect.config;

import java.util.List;

/**
 * Where a recurrent layer's initial states come from. Keras starts a recurrent layer from zeros
 * unless it is called with {@code initial_state=}: zeros are not learned. Given states come from a
 * model input (the caller chooses them, as in a decoder step model) or from a layer (another RNN's
 * returned states, a Dense projection of a context vector; learned through that layer's weights).
 *
 * <pre>{@code
 * for (InitialStateSource source : model.initialStateSources()) {
 *     System.out.println(source.describe()); // "lstm_2: h from layer lstm_1 (lstm_1__1), c from layer lstm_1 (lstm_1__2)"
 * }
 * }</pre>
 *
 * @param layer the recurrent layer
 * @param stateful whether Keras carries its states from one batch to the next ({@code stateful=True})
 * @param states one origin per state, in Keras's order (h, then c for an LSTM)
 */
public record InitialStateSource(String layer, boolean stateful, List<Origin> states) {

    /** What gives a state its initial value. */
    public enum Kind {
        /** Keras's default: zeros, not learned. */
        ZEROS,
        /** A model input, given by the caller. */
        MODEL_INPUT,
        /** The output of a layer. */
        LAYER
    }

    /**
     * The origin of one state.
     *
     * @param state the state's name: {@code h}, {@code c}, {@code forward_h}...
     * @param kind what gives it its initial value
     * @param tensor the tensor that does (null for zeros)
     */
    public record Origin(String state, Kind kind, TensorRef tensor) {

        /** @return e.g. {@code h from model input h0}, {@code c from layer lstm_1 (lstm_1__2)} */
        public String describe() {
            return switch (kind) {
                case ZEROS -> state + " from zeros";
                case MODEL_INPUT -> state + " from model input " + tensor.layer();
                case LAYER -> state + " from layer " + tensor.layer()
                        + (tensor.index() == 0 ? "" : " (" + tensor.outputName() + ")");
            };
        }
    }

    public InitialStateSource {
        states = List.copyOf(states);
    }

    /** @return true when every state starts from zeros, as Keras does by default */
    public boolean fromZeros() {
        return states.stream().allMatch(origin -> origin.kind() == Kind.ZEROS);
    }

    /**
     * @return one line: {@code lstm_1: zeros (Keras default, not learned)}, or each state's origin,
     *     e.g. {@code gru_1: h from model input input_3}
     */
    public String describe() {
        String origins = fromZeros() ? "zeros (Keras default, not learned)"
                : String.join(", ", states.stream().map(Origin::describe).toList());
        return layer + ": " + origins + (stateful ? "; stateful: later batches start from the states the previous"
                + " batch ended with" : "");
    }
}
