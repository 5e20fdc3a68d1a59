package org.kinspect.graph.recurrent;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras 3's {@code hard_sigmoid}: {@code relu6(x + 3) / 6}, i.e. {@code clip(x / 6 + 0.5, 0, 1)}.
 * Keras 1 and 2 (and DL4J's {@code ActivationHardSigmoid}) use {@code clip(0.2 x + 0.5, 0, 1)}
 * instead, so the same name gives other numbers in a Keras 3 file.
 *
 * <pre>{@code
 * new GruLayer.Builder().gateActivation(new Keras3HardSigmoid());
 * }</pre>
 */
public class Keras3HardSigmoid extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        // In place, as DL4J's activations are; the order of operations is torch's hardsigmoid.
        Transforms.max(in.addi(3.0), 0.0, false);
        Transforms.min(in, 6.0, false);
        return in.divi(6.0);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // d/dx = 1/6 inside (-3, 3), 0 outside
        INDArray shifted = in.add(3.0);
        INDArray inside = shifted.gt(0.0).castTo(in.dataType()).muli(shifted.lt(6.0).castTo(in.dataType()));
        INDArray gradient = inside.divi(6.0).muli(epsilon);
        in.assign(gradient);
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Keras3HardSigmoid;
    }

    @Override
    public int hashCode() {
        return Keras3HardSigmoid.class.hashCode();
    }

    @Override
    public String toString() {
        return "keras3_hard_sigmoid";
    }
}
