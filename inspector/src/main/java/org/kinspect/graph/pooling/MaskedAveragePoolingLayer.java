package org.kinspect.graph.pooling;

import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.pooling.GlobalPoolingLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.kinspect.graph.masking.MaskReader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs {@link MaskedAveragePooling}: the average over the steps the Keras mask keeps. */
final class MaskedAveragePoolingLayer extends GlobalPoolingLayer implements MaskReader {
    private INDArray kerasMask;

    MaskedAveragePoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private MaskedAveragePooling masked() {
        return (MaskedAveragePooling) conf().getLayer();
    }

    @Override
    public List<String> maskOrigins() {
        return Collections.singletonList(masked().getMaskOrigin());
    }

    @Override
    public void setKerasMasks(List<INDArray> masks) {
        kerasMask = masks.get(0);
    }

    @Override
    public void clear() {
        super.clear();
        kerasMask = null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (kerasMask == null) {
            throw MaskReader.maskMissing(masked().getLayerName());
        }
        int[] dimensions = masked().getPoolingDimensions();
        int stepsAxis = dimensions == null || dimensions.length == 0 ? 2 : dimensions[0];
        INDArray sequence = input.castTo(dataType); // (batch, features, steps) or (batch, steps, features)
        long batch = sequence.size(0);
        INDArray keep = kerasMask.castTo(dataType);
        INDArray weights = stepsAxis == 2 ? keep.reshape(batch, 1, keep.size(1)) : keep.reshape(batch, keep.size(1), 1);
        INDArray sums = sequence.mul(weights.broadcast(sequence.shape())).sum(stepsAxis); // (batch, features)
        INDArray average = sums.diviColumnVector(keep.sum(1).reshape(batch, 1));
        if (!masked().isCollapseDimensions()) {
            average = stepsAxis == 2 ? average.reshape(batch, average.size(1), 1) : average.reshape(batch, 1, average.size(1));
        }
        return workspaceMgr.leverageTo(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATIONS, average);
    }
}
