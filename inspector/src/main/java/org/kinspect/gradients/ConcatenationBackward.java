package org.kinspect.gradients;

import java.util.Arrays;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.kinspect.errors.KinspectException;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The backward pass of DL4J's MergeVertex (Keras's {@code Concatenate}) on sequences and images:
 * DL4J's own indexes its shapes with the merge axis as given, and Keras's {@code axis=-1} fails
 * there. The output's gradient is cut back into each input's part along the axis the inputs were
 * joined on, found from their shapes (the one axis whose sizes add up to the output's).
 */
final class ConcatenationBackward {
    private ConcatenationBackward() {
    }

    /**
     * @param vertex a MergeVertex that ran forward and still holds its inputs
     * @param epsilon the gradient with respect to its output
     * @return no parameter gradients, and each input's part of the gradient
     */
    static Pair<Gradient, INDArray[]> of(GraphVertex vertex, INDArray epsilon) {
        INDArray[] inputs = vertex.getInputs();
        int axis = joinedAxis(inputs, epsilon.shape());
        if (axis < 0) {
            throw KinspectException.unsupported("layer '" + vertex.getVertexName() + "' joins inputs of shapes "
                    + Arrays.toString(Arrays.stream(inputs).map(input -> Arrays.toString(input.shape())).toArray())
                    + " into " + Arrays.toString(epsilon.shape()) + " along no one axis kinspect can find; its"
                    + " gradients are refused rather than given wrong");
        }
        INDArray[] parts = new INDArray[inputs.length];
        long from = 0;
        for (int i = 0; i < inputs.length; i++) {
            INDArrayIndex[] index = new INDArrayIndex[epsilon.rank()];
            Arrays.fill(index, NDArrayIndex.all());
            long size = inputs[i].size(axis);
            index[axis] = NDArrayIndex.interval(from, from + size);
            parts[i] = epsilon.get(index).dup();
            from += size;
        }
        return new Pair<>(new DefaultGradient(), parts);
    }

    /** @return the axis along which the inputs' sizes add up to the output's, every other axis alike; -1 if none */
    private static int joinedAxis(INDArray[] inputs, long[] output) {
        for (int axis = 0; axis < output.length; axis++) {
            long sum = 0;
            boolean othersAlike = true;
            for (INDArray input : inputs) {
                if (input.rank() != output.length) {
                    return -1;
                }
                sum += input.size(axis);
                for (int other = 0; other < output.length; other++) {
                    othersAlike &= other == axis || input.size(other) == output[other];
                }
            }
            if (othersAlike && sum == output[axis]) {
                return axis;
            }
        }
        return -1;
    }
}
