package org.kinspect.graph.activations;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code exponential} activation, {@code exp(x)}, which DL4J's activations lack.
 *
 * <pre>{@code
 * INDArray y = new Exponential().getActivation(x.dup(), false);
 * }</pre>
 */
public class Exponential extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.exp(in, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        Transforms.exp(in, false).muli(epsilon);
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Exponential;
    }

    @Override
    public int hashCode() {
        return Exponential.class.hashCode();
    }

    @Override
    public String toString() {
        return "keras_exponential";
    }
}
