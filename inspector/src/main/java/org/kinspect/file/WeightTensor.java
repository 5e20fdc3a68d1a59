package org.kinspect.file;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One weight of a Keras layer, as Keras stored it.
 *
 * <pre>{@code
 * WeightTensor kernel = weights.layer("lstm_1").orElseThrow().byName().get("kernel");
 * kernel.shape();  // [512, 8192], from the file's metadata
 * kernel.values(); // the numbers (read from the file when they were not read on opening)
 * }</pre>
 *
 * @param name the Keras weight name without layer prefix or {@code :0} suffix, e.g. {@code kernel},
 *     {@code recurrent_kernel}, {@code moving_mean}; Keras 1 names such as {@code W_i}; weights of
 *     the two halves of a Bidirectional wrapper are prefixed {@code forward_} and {@code backward_}
 * @param path where it was found in the file, for messages
 * @param stored its values, in Keras's shape (C order, float32), read when asked
 */
public record WeightTensor(String name, String path, WeightValues stored) {

    /**
     * @param name the Keras weight name
     * @param path where it was found, for messages
     * @param values the values in Keras's shape (C order, float32), in memory
     */
    public WeightTensor(String name, String path, INDArray values) {
        this(name, path, WeightValues.of(values));
    }

    /** @return the values in Keras's shape (C order, float32) */
    public INDArray values() {
        return stored.read();
    }

    /** @return the shape Keras gave this weight */
    public long[] shape() {
        return stored.shape();
    }

    /** @return how many values it holds */
    public long length() {
        return stored.length();
    }
}
