package org.kinspect.graph.operations;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One {@code keras.ops} function on tensors in Keras's layout. Shapes count the batch axis (its
 * size -1, unknown), as Keras's do; other sizes are -1 when the model leaves them open.
 *
 * <pre>{@code
 * Operation mean = Operations.of("mean", List.of(Map.of("tensor", 0)), Map.of("axis", 1));
 * mean.outputShape(List.of(new long[] {-1, 4, 3}));  // [-1, 3]
 * }</pre>
 */
interface Operation {

    /**
     * @param inputShapes the Keras shapes of the layer's inbound tensors, in order
     * @return the Keras shape of the result
     * @throws IllegalArgumentException when kinspect cannot compute the op on such tensors (why, in a few words)
     */
    long[] outputShape(List<long[]> inputShapes);

    /**
     * @param inputs the inbound tensors in Keras's layout, in order
     * @return the result in Keras's layout
     */
    INDArray apply(List<INDArray> inputs);

    /** @return whether {@link #backward} is implemented and checked against Keras for this op */
    default boolean differentiable() {
        return false;
    }

    /**
     * @param inputs the inbound tensors in Keras's layout, in order
     * @param outputGradient the gradient of a target with respect to the result, Keras's layout
     * @return the gradient with respect to each inbound tensor (null for one the op does not read)
     * @throws UnsupportedOperationException when the op is not {@link #differentiable()}
     */
    default List<INDArray> backward(List<INDArray> inputs, INDArray outputGradient) {
        throw new UnsupportedOperationException("no backward pass");
    }
}
