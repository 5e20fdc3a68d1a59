package org.kinspect.graph.recurrent;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.kinspect.graph.base.InferenceVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
        long[] range = columnRange(packed);
        INDArray taken = columns(packed, range[0], range[1]);
        if (conf.getOutput() > 0) {
            long[] shape = conf.stateShape(conf.getOutput());
            long[] batchShape = new long[shape.length + 1];
            batchShape[0] = packed.size(0);
            System.arraycopy(shape, 0, batchShape, 1, shape.length);
            return taken.reshape('c', batchShape);
        }
        if (!conf.isReturnSequences()) {
            return taken;
        }
        // The sequence was flattened in its own layout: (batch, features, time) or (batch, time, features).
        long units = conf.getOutputSize();
        long steps = (range[1] - range[0]) / units;
        return conf.getSequenceFormat() == RNNFormat.NCW
                ? taken.reshape('c', packed.size(0), units, steps)
                : taken.reshape('c', packed.size(0), steps, units);
    }

    /** @return the columns {@code [from, to)} of the packed output this output is */
    private long[] columnRange(INDArray packed) {
        long[] stateSizes = conf.getStateSizes();
        long statesWidth = 0;
        for (long size : stateSizes) {
            statesWidth += size;
        }
        long outputWidth = packed.size(1) - statesWidth;
        if (conf.getOutput() == 0) {
            return new long[] {0, outputWidth};
        }
        long start = outputWidth;
        for (int i = 0; i < conf.getOutput() - 1; i++) {
            start += stateSizes[i];
        }
        return new long[] {start, start + stateSizes[conf.getOutput() - 1]};
    }

    /** Taking columns out is a fixed rearrangement: its backward pass puts the gradient back in them. */
    @Override
    public boolean hasCheckedBackward() {
        return true;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray packed = inputs[0];
        long[] range = columnRange(packed);
        INDArray gradient = Nd4j.zeros(epsilon.dataType(), packed.shape());
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(range[0], range[1]))
                .assign(epsilon.dup('c').reshape('c', packed.size(0), range[1] - range[0]));
        return new Pair<>(new DefaultGradient(), new INDArray[] {gradient});
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
