package org.kinspect.graph.activations;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code gelu} ({@code approximate=False}, the default of Keras 3 and tf.keras):
 * {@code 0.5 x (1 + erf(x / sqrt(2)))}. DL4J's {@code ActivationGELU} is either
 * {@code x sigmoid(1.702 x)} or the tanh form, both up to 1e-3 away.
 *
 * <pre>{@code
 * INDArray y = new ExactGelu().getActivation(x.dup(), false);
 * }</pre>
 */
public class ExactGelu extends BaseActivationFunction {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        // In double: erf near its tails loses the last float digits otherwise.
        INDArray x = in.castTo(DataType.DOUBLE);
        INDArray cdf = Nd4j.exec(new Erf(x.mul(SQRT_HALF))).addi(1.0).muli(0.5);
        return in.assign(x.muli(cdf));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // d/dx = Phi(x) + x phi(x)
        INDArray x = in.castTo(DataType.DOUBLE);
        INDArray cdf = Nd4j.exec(new Erf(x.mul(SQRT_HALF))).addi(1.0).muli(0.5);
        INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);
        in.assign(cdf.addi(x.muli(pdf)).muli(epsilon.castTo(DataType.DOUBLE)));
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExactGelu;
    }

    @Override
    public int hashCode() {
        return ExactGelu.class.hashCode();
    }

    @Override
    public String toString() {
        return "keras_gelu";
    }
}
