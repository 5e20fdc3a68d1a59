package org.kinspect.file;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One weight as a file stores it, before it is given a layer and a Keras name.
 *
 * <pre>{@code
 * StoredWeight kernel = group.weights().get(0);
 * kernel.storedName(); // "lstm_1/kernel:0" (HDF5 weight_names), or "0" (Keras 3 vars/0)
 * kernel.path();       // "/model_weights/lstm_1/lstm_1/kernel:0"
 * }</pre>
 *
 * @param storedName the name the file gives it: the entry of its layer group's {@code weight_names}
 *     (HDF5), or its dataset's name in a Keras 3 {@code vars} group ({@code 0}, {@code 1}...)
 * @param path its full path in the file, for messages
 * @param dtype the {@code dtype} attribute Keras 3 writes on a variable ({@code float32},
 *     {@code bfloat16}...) of a variable of a model's layers, or null (none, an HDF5 layer group's
 *     weight, or a dataset outside the groups of a model's layers)
 * @param stored the values in Keras's shape (C order, float32); null when they are not read: a
 *     {@code bfloat16} variable (kinspect does not read those), or a dataset outside the groups
 *     that hold a model's layers (the optimizer's state)
 */
public record StoredWeight(String storedName, String path, String dtype, WeightValues stored) {

    /**
     * @param storedName the name the file gives it
     * @param path its full path in the file
     * @param dtype the {@code dtype} attribute Keras 3 writes, or null
     * @param values the values in memory, or null when they were not read
     */
    public StoredWeight(String storedName, String path, String dtype, INDArray values) {
        this(storedName, path, dtype, values == null ? null : WeightValues.of(values));
    }

    /** @return the values in Keras's shape (C order, float32), or null when they are not read */
    public INDArray values() {
        return stored == null ? null : stored.read();
    }
}
