package org.kinspect.graph.recurrent;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One of the outputs Keras gives a recurrent layer with states, taken from the packed output of a
 * {@link RecurrentWithStatesVertex}: output 0 is the layer's output (sequence or last step),
 * output k its k-th final state.
 */
public class RecurrentOutputVertex extends GraphVertex {
    private int output;
    private long outputSize;
    private long[] stateSizes;
    private boolean returnSequences;
    private RNNFormat sequenceFormat = RNNFormat.NCW;

    /** For JSON deserialisation. */
    protected RecurrentOutputVertex() {}

    /**
     * @param output which output: 0 for the layer's output, k for its k-th state
     * @param outputSize the layer's output features (per step)
     * @param stateSizes the size of each state, in Keras's order
     * @param returnSequences whether output 0 is a sequence
     */
    public RecurrentOutputVertex(int output, long outputSize, long[] stateSizes, boolean returnSequences) {
        this.output = output;
        this.outputSize = outputSize;
        this.stateSizes = stateSizes.clone();
        this.returnSequences = returnSequences;
    }

    @Override
    public RecurrentOutputVertex clone() {
        RecurrentOutputVertex copy = new RecurrentOutputVertex(output, outputSize, stateSizes, returnSequences);
        copy.sequenceFormat = sequenceFormat;
        return copy;
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new RecurrentOutputVertexImpl(graph, name, idx, this, networkDatatype);
    }

    /**
     * Also takes the layout of the sequence from the packed output's type.
     *
     * @param vertexInputs the packed output, whose declared type is that of the layer's output
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs[0] instanceof InputType.InputTypeRecurrent sequence) {
            sequenceFormat = sequence.getFormat();
        }
        return output == 0 ? vertexInputs[0] : InputType.feedForward(stateSizes[output - 1]);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, RecurrentOutputVertex.class, inputTypes[0],
                getOutputType(-1, inputTypes)).standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    public int getOutput() {
        return output;
    }

    public long getOutputSize() {
        return outputSize;
    }

    public long[] getStateSizes() {
        return stateSizes.clone();
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    /** @return the layout of output 0 when it is a sequence (set when the graph is built) */
    public RNNFormat getSequenceFormat() {
        return sequenceFormat;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecurrentOutputVertex vertex && output == vertex.output && outputSize == vertex.outputSize
                && Arrays.equals(stateSizes, vertex.stateSizes) && returnSequences == vertex.returnSequences
                && sequenceFormat == vertex.sequenceFormat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(output, outputSize, Arrays.hashCode(stateSizes), returnSequences, sequenceFormat);
    }

    @Override
    public String toString() {
        return "RecurrentOutputVertex(output=" + output + ")";
    }
}
