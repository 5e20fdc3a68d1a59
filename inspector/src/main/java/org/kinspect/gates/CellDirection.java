package org.kinspect.gates;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One direction of a recurrent layer as the gate tracer runs it: its cell, its Keras weights (in
 * double precision) and its flags.
 *
 * @param prefix the direction's trace name prefix: {@code ""}, {@code forward_} or {@code backward_}
 * @param cell {@code LSTM}, {@code GRU} or {@code SimpleRNN}
 * @param units the size of each state
 * @param activation the layer's {@code activation} (candidate and output of an LSTM, candidate of a GRU)
 * @param recurrentActivation the layer's {@code recurrent_activation} (the gates)
 * @param kernel (features, k units), gates in Keras's order: i, f, c, o for an LSTM; z, r, h for a GRU
 * @param recurrentKernel (units, k units)
 * @param bias (k units), or (2, 3 units) for a GRU with {@code reset_after}; null without bias
 * @param resetAfter a GRU's {@code reset_after}: the reset gate applies after the recurrent matrix product
 * @param goBackwards whether the direction reads its input from the last step to the first
 */
record CellDirection(String prefix, String cell, int units, IActivation activation, IActivation recurrentActivation,
        INDArray kernel, INDArray recurrentKernel, INDArray bias, boolean resetAfter, boolean goBackwards) {

    /** @return how many blocks of {@code units} columns the kernels have: 4 for an LSTM, 3 for a GRU, 1 for a SimpleRNN */
    int blocks() {
        return blocks(cell);
    }

    /**
     * @param cell {@code LSTM}, {@code GRU} or {@code SimpleRNN}
     * @return how many blocks of {@code units} columns its kernels have
     */
    static int blocks(String cell) {
        return switch (cell) {
            case "LSTM" -> 4;
            case "GRU" -> 3;
            default -> 1;
        };
    }
}
