package org.kinspect.graph.base;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs {@link TimeFoldingLayer}: (batch, time, ...step) becomes (batch * time) steps in the
 * underlying layer's layout, and its output is unfolded to (batch, time, ...) again, channels
 * last. Inference only.
 */
final class TimeFoldingLayerImpl extends BaseWrapperLayer {
    private final TimeFoldingLayer folding;
    private INDArray foldedInput;

    TimeFoldingLayerImpl(Layer underlying, TimeFoldingLayer folding) {
        super(underlying);
        this.folding = folding;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        // Kept here: the underlying layer is given the folded steps, and some check what they are given.
        this.foldedInput = input;
    }

    @Override
    public INDArray input() {
        return foldedInput;
    }

    @Override
    public void clear() {
        foldedInput = null;
        super.clear();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return activate(input(), training, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        long[] shape = input.shape();
        long batch = shape[0];
        long steps = shape[1];
        long[] step = Arrays.copyOfRange(shape, 2, shape.length);
        INDArray channelsLast = input.dup('c');
        INDArray output = switch (folding.getMode()) {
            case FLATTENED_STEPS -> underlying.activate(channelsLast.reshape('c', batch * steps,
                    Arrays.stream(step).reduce(1, (a, b) -> a * b)), training, workspaceMgr);
            case LAST_AXIS -> {
                long vectors = batch * steps * Arrays.stream(step, 0, step.length - 1).reduce(1, (a, b) -> a * b);
                INDArray out = underlying.activate(channelsLast.reshape('c', vectors, step[step.length - 1]), training,
                        workspaceMgr);
                long[] outShape = shape.clone();
                outShape[outShape.length - 1] = out.size(1);
                yield out.dup('c').reshape('c', outShape);
            }
            case STEPS -> {
                long[] folded = new long[step.length + 1];
                folded[0] = batch * steps;
                System.arraycopy(step, 0, folded, 1, step.length);
                INDArray stepArrays = channelsLast.reshape('c', folded);
                if (folding.isStepChannelsFirst()) {
                    stepArrays = stepArrays.permute(channelsFirst(stepArrays.rank())).dup('c');
                }
                INDArray out = underlying.activate(stepArrays, training, workspaceMgr);
                yield folding.isStepChannelsFirst() && out.rank() > 2 ? out.permute(channelsLast(out.rank())) : out;
            }
        };
        if (folding.getMode() == TimeFoldingLayer.Mode.LAST_AXIS) {
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output);
        }
        long[] unfolded = new long[output.rank() + 1];
        unfolded[0] = batch;
        unfolded[1] = steps;
        System.arraycopy(output.shape(), 1, unfolded, 2, output.rank() - 1);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output.dup('c').reshape('c', unfolded));
    }

    /** (n, a, b, c) to (n, c, a, b): the last axis to the second. */
    private static int[] channelsFirst(int rank) {
        int[] permutation = new int[rank];
        permutation[1] = rank - 1;
        for (int axis = 2; axis < rank; axis++) {
            permutation[axis] = axis - 1;
        }
        return permutation;
    }

    /** (n, c, a, b) to (n, a, b, c): the second axis to the last. */
    private static int[] channelsLast(int rank) {
        int[] permutation = new int[rank];
        for (int axis = 1; axis < rank - 1; axis++) {
            permutation[axis] = axis + 1;
        }
        permutation[rank - 1] = 1;
        return permutation;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("TimeDistributed '" + folding.getLayerName()
                + "' on a sequence of images or sequences is imported for inference only");
    }
}
