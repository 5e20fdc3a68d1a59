package org.kinspect.graph.recurrent;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * One of the outputs Keras gives a layer with several, taken from the layer's packed output (one
 * row per example: output 0, then each further output, flattened in C order): output 0 is the
 * layer's output (sequence or last step), output k its k-th further output. A recurrent layer's
 * {@link RecurrentWithStatesVertex} packs its final states, each a vector; an attention layer packs
 * its attention scores, (Tq, Tv) per example, or (heads, Tq, Tv) for MultiHeadAttention.
 *
 * <p>A further output keeps Keras's layout: a vector, a sequence (steps, features) held as
 * (batch, steps, features), or (heads, Tq, Tv) held as a channels-last image of height heads, width
 * Tq and Tv channels, which is exactly Keras's (batch, heads, Tq, Tv).
 *
 * <pre>{@code
 * new RecurrentOutputVertex(1, 8, new long[][] {{2, 5, 6}}, true); // the (2, 5, 6) scores after a (Tq, 8) output
 * }</pre>
 */
// DL4J's configuration JSON (a converted model) keeps the fields, the layouts learnt when the graph
// was built among them; the getters derive values and would not read back.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class RecurrentOutputVertex extends GraphVertex {
    private int output;
    private long outputSize;
    private long[][] stateShapes;
    private boolean returnSequences;
    private RNNFormat sequenceFormat = RNNFormat.NCW;

    /** For JSON deserialisation. */
    protected RecurrentOutputVertex() {}

    /**
     * @param output which output: 0 for the layer's output, k for its k-th state
     * @param outputSize the layer's output features (per step), or -1 for the packed output's type to tell
     * @param stateShapes the shape of each further output per example, in Keras's order: {@code {units}}
     *     for a recurrent layer's state
     * @param returnSequences whether output 0 is a sequence
     */
    public RecurrentOutputVertex(int output, long outputSize, long[][] stateShapes, boolean returnSequences) {
        this.output = output;
        this.outputSize = outputSize;
        this.stateShapes = new long[stateShapes.length][];
        for (int i = 0; i < stateShapes.length; i++) {
            this.stateShapes[i] = stateShapes[i].clone();
        }
        this.returnSequences = returnSequences;
    }

    @Override
    public RecurrentOutputVertex clone() {
        RecurrentOutputVertex copy = new RecurrentOutputVertex(output, outputSize, stateShapes, returnSequences);
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
            if (outputSize < 0) {
                outputSize = sequence.getSize(); // left to the packed type: an attention layer's
            }
        }
        if (output == 0) {
            return vertexInputs[0];
        }
        long[] shape = stateShapes[output - 1];
        return switch (shape.length) {
            case 1 -> InputType.feedForward(shape[0]);
            case 2 -> InputType.recurrent(shape[1], shape[0], RNNFormat.NWC);
            case 3 -> InputType.convolutional(shape[0], shape[1], shape[2], CNN2DFormat.NHWC);
            default -> throw new InvalidInputTypeException("output " + output + " has shape " + Arrays.toString(shape)
                    + "; a further output is a vector, a sequence or (heads, Tq, Tv)");
        };
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

    /** @return the number of values of each further output per example */
    public long[] getStateSizes() {
        long[] sizes = new long[stateShapes.length];
        for (int i = 0; i < stateShapes.length; i++) {
            sizes[i] = Arrays.stream(stateShapes[i]).reduce(1, (a, b) -> a * b);
        }
        return sizes;
    }

    /** @return the shape of further output {@code output} (from 1) per example */
    public long[] stateShape(int output) {
        return stateShapes[output - 1].clone();
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
                && Arrays.deepEquals(stateShapes, vertex.stateShapes) && returnSequences == vertex.returnSequences
                && sequenceFormat == vertex.sequenceFormat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(output, outputSize, Arrays.deepHashCode(stateShapes), returnSequences, sequenceFormat);
    }

    @Override
    public String toString() {
        return "RecurrentOutputVertex(output=" + output + ")";
    }
}
