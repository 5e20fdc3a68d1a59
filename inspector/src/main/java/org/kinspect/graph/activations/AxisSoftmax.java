package org.kinspect.graph.activations;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax (or log-softmax) over one axis of the array as DL4J holds it: Keras's {@code Softmax}
 * layer with an {@code axis} other than the channels, and the {@code log_softmax} activation,
 * which DL4J's activations lack. DL4J's {@code ActivationSoftmax} always uses the last axis.
 *
 * <pre>{@code
 * new AxisSoftmax(2, false); // softmax over the steps of an [batch, features, steps] sequence
 * }</pre>
 */
public class AxisSoftmax extends BaseActivationFunction {
    private int axis;
    private boolean log;

    /** For DL4J's JSON. */
    public AxisSoftmax() {
        this(-1, false);
    }

    /**
     * @param axis the axis of DL4J's array (negative: from the end)
     * @param log whether to give the logarithm of the softmax
     */
    public AxisSoftmax(int axis, boolean log) {
        this.axis = axis;
        this.log = log;
    }

    /** @return the axis of DL4J's array, negative from the end */
    public int getAxis() {
        return axis;
    }

    /** @param axis the axis of DL4J's array, negative from the end */
    public void setAxis(int axis) {
        this.axis = axis;
    }

    /** @return whether this is log_softmax */
    public boolean isLog() {
        return log;
    }

    /** @param log whether this is log_softmax */
    public void setLog(boolean log) {
        this.log = log;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        int dimension = axis < 0 ? in.rank() + axis : axis;
        INDArray out = log ? Nd4j.exec(new LogSoftMax(in, dimension))[0] : Nd4j.exec(new SoftMax(in, in.ulike(), dimension))[0];
        return in.assign(out);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        int dimension = axis < 0 ? in.rank() + axis : axis;
        INDArray softmax = Nd4j.exec(new SoftMax(in.dup(), in.ulike(), dimension))[0];
        INDArray gradient;
        if (log) {
            // d/dx_j log s_i = delta_ij - s_j
            gradient = epsilon.sub(softmax.mul(epsilon.sum(true, dimension)));
        } else {
            gradient = softmax.mul(epsilon.sub(epsilon.mul(softmax).sum(true, dimension)));
        }
        in.assign(gradient);
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AxisSoftmax that && that.axis == axis && that.log == log;
    }

    @Override
    public int hashCode() {
        return 31 * axis + (log ? 1 : 0);
    }

    @Override
    public String toString() {
        return (log ? "log_softmax(axis=" : "softmax(axis=") + axis + ")";
    }
}
