package org.kinspect.graph.recurrent;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts the weights of Keras 2's CuDNNLSTM and CuDNNGRU to those of an LSTM and a GRU, as
 * Keras 2 itself does when it loads them into one ({@code _convert_rnn_weights} in
 * {@code keras/saving/hdf5_format.py}). CuDNN reads each gate's input kernel as a row-major
 * (units, inputs) matrix and its recurrent kernel transposed; it keeps an input and a recurrent
 * bias for every gate.
 */
final class CudnnWeights {

    private CudnnWeights() {}

    /**
     * @param kernel CuDNN's input kernel, (inputs, gates * units)
     * @param gates 4 for LSTM, 3 for GRU
     * @return the Keras kernel: per gate, the values read as (units, inputs) row by row, transposed
     */
    static INDArray inputKernel(INDArray kernel, int gates) {
        long inputs = kernel.size(0);
        long units = kernel.size(1) / gates;
        INDArray[] converted = new INDArray[gates];
        for (int gate = 0; gate < gates; gate++) {
            INDArray block = kernel.get(all(), interval(gate * units, (gate + 1) * units)).dup('c');
            converted[gate] = block.reshape('c', units, inputs).transpose();
        }
        return Nd4j.hstack(converted);
    }

    /**
     * @param kernel CuDNN's recurrent kernel, (units, gates * units)
     * @param gates 4 for LSTM, 3 for GRU
     * @return the Keras recurrent kernel: each gate's block transposed
     */
    static INDArray recurrentKernel(INDArray kernel, int gates) {
        long units = kernel.size(0);
        INDArray[] converted = new INDArray[gates];
        for (int gate = 0; gate < gates; gate++) {
            converted[gate] = kernel.get(all(), interval(gate * units, (gate + 1) * units)).transpose().dup('c');
        }
        return Nd4j.hstack(converted);
    }

    /**
     * @param bias CuDNNLSTM's bias, (8 units,): input biases, then recurrent biases
     * @return the LSTM bias, (4 units,): their sum, the only thing the LSTM equations see
     */
    static INDArray summedLstmBias(INDArray bias) {
        INDArray flat = bias.reshape(bias.length());
        long half = flat.length() / 2;
        return flat.get(interval(0, half)).add(flat.get(interval(half, 2 * half)));
    }
}
