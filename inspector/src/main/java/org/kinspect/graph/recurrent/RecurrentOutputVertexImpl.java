package org.kinspect.graph.recurrent;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.kinspect.graph.base.InferenceVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Takes one output out of a layer's packed output (a {@link RecurrentWithStatesVertex}'s, an attention layer's). */
final class RecurrentOutputVertexImpl extends InferenceVertex {
    private final RecurrentOutputVertex conf;

    RecurrentOutputVertexImpl(ComputationGraph graph, String name, int index, RecurrentOutputVertex conf,
            DataType dataType) {
        super(graph, name, index, dataType, "one output of a layer with several");
        this.conf = conf;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray packed = inputs[0];
        long[] stateSizes = conf.getStateSizes();
        long statesWidth = 0;
        for (long size : stateSizes) {
            statesWidth += size;
        }
        long outputWidth = packed.size(1) - statesWidth;
        if (conf.getOutput() > 0) {
            long start = outputWidth;
            for (int i = 0; i < conf.getOutput() - 1; i++) {
                start += stateSizes[i];
            }
            long[] shape = conf.stateShape(conf.getOutput());
            long[] batchShape = new long[shape.length + 1];
            batchShape[0] = packed.size(0);
            System.arraycopy(shape, 0, batchShape, 1, shape.length);
            return columns(packed, start, start + stateSizes[conf.getOutput() - 1]).reshape('c', batchShape);
        }
        INDArray output = columns(packed, 0, outputWidth);
        if (!conf.isReturnSequences()) {
            return output;
        }
        // The sequence was flattened in its own layout: (batch, features, time) or (batch, time, features).
        long units = conf.getOutputSize();
        long steps = outputWidth / units;
        return conf.getSequenceFormat() == RNNFormat.NCW
                ? output.reshape('c', packed.size(0), units, steps)
                : output.reshape('c', packed.size(0), steps, units);
    }

    private static INDArray columns(INDArray packed, long from, long to) {
        return packed.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup('c');
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(maskArrays == null ? null : maskArrays[0], currentMaskState);
    }

}
