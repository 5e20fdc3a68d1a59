package org.kinspect.file;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One weight of a Keras layer, as Keras stored it.
 *
 * @param name the Keras weight name without layer prefix or {@code :0} suffix, e.g. {@code kernel},
 *     {@code recurrent_kernel}, {@code moving_mean}; Keras 1 names such as {@code W_i}; weights of
 *     the two halves of a Bidirectional wrapper are prefixed {@code forward_} and {@code backward_}
 * @param path where it was found in the file, for messages
 * @param values the values in Keras's shape (C order, float32)
 */
public record WeightTensor(String name, String path, INDArray values) {

    /** @return the shape Keras gave this weight */
    public long[] shape() {
        return values.shape();
    }
}
