package org.kinspect.graph.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs {@link TimeFoldingLayer}: (batch, time, height, width, channels) becomes (batch * time)
 * images in the underlying layer's layout, and its output is unfolded to (batch, time, ...) again,
 * channels last, or (batch, time, features) for vectors. Inference only.
 */
final class TimeFoldingLayerImpl extends BaseWrapperLayer {
    private final TimeFoldingLayer folding;

    TimeFoldingLayerImpl(Layer underlying, TimeFoldingLayer folding) {
        super(underlying);
        this.folding = folding;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return activate(input(), training, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        long batch = input.size(0);
        long steps = input.size(1);
        INDArray folded = input.dup('c').reshape('c', batch * steps, input.size(2), input.size(3), input.size(4));
        if (folding.isFlattenSteps()) {
            folded = folded.reshape('c', batch * steps, input.size(2) * input.size(3) * input.size(4));
        } else if (folding.getStepFormat() == CNN2DFormat.NCHW) {
            folded = folded.permute(0, 3, 1, 2).dup('c');
        }
        INDArray output = underlying.activate(folded, training, workspaceMgr);
        INDArray unfolded;
        if (output.rank() == 4) {
            INDArray channelsLast = folding.getStepFormat() == CNN2DFormat.NCHW ? output.permute(0, 2, 3, 1) : output;
            unfolded = channelsLast.dup('c').reshape('c', batch, steps, channelsLast.size(1), channelsLast.size(2),
                    channelsLast.size(3));
        } else if (output.rank() == 2) {
            unfolded = output.dup('c').reshape('c', batch, steps, output.size(1));
        } else {
            throw new IllegalStateException("TimeDistributed '" + folding.getLayerName() + "': a step output of rank "
                    + output.rank() + " is not supported");
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, unfolded);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("TimeDistributed '" + folding.getLayerName()
                + "' on a sequence of images is imported for inference only");
    }
}
