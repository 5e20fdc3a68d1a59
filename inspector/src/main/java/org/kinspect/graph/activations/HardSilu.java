package org.kinspect.graph.activations;

import org.kinspect.graph.recurrent.Keras3HardSigmoid;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras 3's {@code hard_silu} (alias {@code hard_swish}): {@code x * relu6(x + 3) / 6}. DL4J has
 * no such activation.
 *
 * <pre>{@code
 * INDArray y = new HardSilu().getActivation(x.dup(), false);
 * }</pre>
 */
public class HardSilu extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray gate = new Keras3HardSigmoid().getActivation(in.dup(), training);
        return in.muli(gate);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // d/dx = hard_sigmoid(x) + x / 6 inside (-3, 3)
        INDArray gate = new Keras3HardSigmoid().getActivation(in.dup(), false);
        INDArray inside = in.gt(-3.0).castTo(in.dataType()).muli(in.lt(3.0).castTo(in.dataType()));
        INDArray gradient = gate.addi(inside.muli(in).divi(6.0)).muli(epsilon);
        in.assign(gradient);
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardSilu;
    }

    @Override
    public int hashCode() {
        return HardSilu.class.hashCode();
    }

    @Override
    public String toString() {
        return "keras_hard_silu";
    }
}
