package org.kinspect.graph.masking;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs {@link MaskingLayer}: the input, zeros at the steps whose every feature is the mask value. */
final class MaskingLayerImpl extends BaseWrapperLayer {
    private final MaskingLayer conf;

    MaskingLayerImpl(Layer underlying, MaskingLayer conf) {
        super(underlying);
        this.conf = conf;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return activate(input(), training, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        int featuresAxis = conf.getFeaturesAxis();
        // Keras's Masking: a step is kept when any of its features differs from the mask value.
        INDArray kept = input.neq(conf.getMaskingValue()).castTo(input.dataType()).max(true, featuresAxis);
        return input.mul(kept.broadcast(input.shape()));
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState); // kinspect hands masks over itself (KerasMasks)
    }
}
