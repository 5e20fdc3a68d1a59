package org.kinspect.report;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Looks up the input of one example of a data set by its index, so a chart can show what the
 * examples that excite a unit most look like without the data set being kept in memory.
 *
 * <pre>{@code
 * ExampleInputs inputs = index -> data.rows(index, index + 1).get("signal").slice(0);  // (20, 2)
 * }</pre>
 */
@FunctionalInterface
public interface ExampleInputs {
    /**
     * @param index the example's index in the data set
     * @return its input without the batch axis, in Keras's layout: (steps, features) for a
     *     sequence, (features) for a vector
     */
    INDArray example(long index);
}
