package org.kinspect.graph.masking;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs {@link MaskedRnn}: each sequence's unpadded steps are run as one shorter sequence,
 * and the outputs are put back at their steps. That is exactly Keras's masking, whatever the
 * pattern of padding: at a padded step Keras keeps the state, so the steps it computes see the
 * same states as in the shortened sequence. A sequence that is all padding gives zeros, Keras's
 * initial output.
 */
final class MaskedRnnImpl extends BaseWrapperLayer implements MaskReader {
    private final MaskedRnn conf;
    private INDArray kerasMask;

    MaskedRnnImpl(Layer underlying, MaskedRnn conf) {
        super(underlying);
        this.conf = conf;
    }

    @Override
    public List<String> maskOrigins() {
        return java.util.Collections.singletonList(conf.getMaskOrigin());
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
        return activate(input(), training, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        boolean nwc = TimeSeriesUtils.getFormatFromRnnLayer(conf.getUnderlying()) == RNNFormat.NWC;
        INDArray sequences = nwc ? input : input.permute(0, 2, 1); // (batch, time, features)
        long batch = sequences.size(0);
        long steps = sequences.size(1);
        if (kerasMask == null) {
            throw MaskReader.maskMissing(conf.getLayerName());
        }
        INDArray kept = kerasMask.castTo(sequences.dataType());
        List<INDArray> outputs = new ArrayList<>();
        long[] units = null;
        underlying.setMaskArray(null);
        for (int example = 0; example < batch; example++) {
            long[] keptSteps = keptSteps(kept.getRow(example));
            if (keptSteps.length == 0) {
                outputs.add(null);
                continue;
            }
            INDArray shortened = sequences.get(NDArrayIndex.point(example), NDArrayIndex.indices(keptSteps),
                    NDArrayIndex.all()).reshape(1, keptSteps.length, sequences.size(2));
            INDArray output = underlying.activate(nwc ? shortened : shortened.permute(0, 2, 1).dup(), training,
                    workspaceMgr).dup();
            if (output.rank() == 3) {
                output = spread(nwc ? output : output.permute(0, 2, 1), kept.getRow(example), steps);
            }
            units = output.shape();
            outputs.add(output);
        }
        if (units == null) { // every sequence is padding: zeros of the shape the layer gives
            units = underlying.activate(nwc ? sequences : sequences.permute(0, 2, 1), training, workspaceMgr).shape();
            units = nwc || units.length == 2 ? units : new long[] {units[0], units[2], units[1]};
            units[0] = 1;
        }
        List<INDArray> rows = new ArrayList<>();
        for (INDArray output : outputs) {
            rows.add(output != null ? output : Nd4j.zeros(sequences.dataType(), units));
        }
        INDArray all = Nd4j.concat(0, rows.toArray(INDArray[]::new));
        return all.rank() == 3 && !nwc ? all.permute(0, 2, 1).dup() : all;
    }

    /** The outputs of the kept steps, (1, kept, units), put back at their steps: (1, steps, units). */
    private INDArray spread(INDArray keptOutputs, INDArray keptRow, long steps) {
        INDArray full = Nd4j.zeros(keptOutputs.dataType(), 1, steps, keptOutputs.size(2));
        int next = 0;
        for (int step = 0; step < steps; step++) {
            if (keptRow.getDouble(step) != 0) {
                full.get(NDArrayIndex.point(0), NDArrayIndex.point(step), NDArrayIndex.all())
                        .assign(keptOutputs.get(NDArrayIndex.point(0), NDArrayIndex.point(next), NDArrayIndex.all()));
                next++;
            } else if (!conf.isZeroOutputForMask() && next > 0) {
                full.get(NDArrayIndex.point(0), NDArrayIndex.point(step), NDArrayIndex.all())
                        .assign(keptOutputs.get(NDArrayIndex.point(0), NDArrayIndex.point(next - 1), NDArrayIndex.all()));
            }
        }
        return full;
    }

    private static long[] keptSteps(INDArray keptRow) {
        List<Long> steps = new ArrayList<>();
        for (long step = 0; step < keptRow.length(); step++) {
            if (keptRow.getDouble(step) != 0) {
                steps.add(step);
            }
        }
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        // Keras 3 recurrent layers consume the mask: the next layer gets none.
        return new Pair<>(null, currentMaskState);
    }
}
