package org.kinspect.graph.recurrent;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras recurrent layer that DL4J's graph cannot express as a layer: one that starts from given
 * states or returns its final states. Its inputs are the sequence, then the initial states (none,
 * or all of them, in Keras's order); its one output packs everything Keras returns, which
 * {@link RecurrentOutputVertex} vertices take apart again.
 *
 * <p>The recurrence itself is DL4J's own layer (LSTM, SimpleRnn, or kinspect's GRU), given its
 * initial state the way DL4J's {@code rnnTimeStep} takes one, so the numbers are those of the
 * layers kinspect imports without states.
 *
 * <p>The packed output is (batch, n): the layer's output flattened in {@link #getOutputFormat()},
 * then each final state (batch, units), in Keras's order. Its declared type is that of the
 * layer's output, which is all {@link RecurrentOutputVertex} needs to know.
 */
public class RecurrentWithStatesVertex extends GraphVertex {
    private NeuralNetConfiguration forward;
    private NeuralNetConfiguration backward;
    private Bidirectional.Mode mergeMode;
    private int statesPerDirection;
    private boolean returnSequences;
    private boolean goBackwards;
    private String maskOrigin;
    private boolean zeroOutputForMask;
    private RNNFormat inputFormat = RNNFormat.NCW;
    private RNNFormat outputFormat = RNNFormat.NWC;

    /** For JSON deserialisation. */
    protected RecurrentWithStatesVertex() {}

    /**
     * @param forward the recurrent layer, returning sequences (or the forward one of a Bidirectional wrapper)
     * @param backward the backward layer of a Bidirectional wrapper, else null
     * @param mergeMode how a Bidirectional wrapper merges its directions, else null
     * @param statesPerDirection 2 for an LSTM, 1 for GRU and SimpleRNN
     * @param returnSequences whether the layer outputs every step (else the last one)
     * @param goBackwards whether the layer reads its input from the last step (Keras's {@code go_backwards})
     */
    public RecurrentWithStatesVertex(NeuralNetConfiguration forward, NeuralNetConfiguration backward,
            Bidirectional.Mode mergeMode, int statesPerDirection, boolean returnSequences, boolean goBackwards) {
        this.forward = forward;
        this.backward = backward;
        this.mergeMode = mergeMode;
        this.statesPerDirection = statesPerDirection;
        this.returnSequences = returnSequences;
        this.goBackwards = goBackwards;
        if (forward.getLayer() instanceof BaseRecurrentLayer recurrent && recurrent.getRnnDataFormat() != null) {
            this.outputFormat = recurrent.getRnnDataFormat();
        }
    }

    @Override
    public RecurrentWithStatesVertex clone() {
        RecurrentWithStatesVertex copy = new RecurrentWithStatesVertex(forward.clone(),
                backward == null ? null : backward.clone(), mergeMode, statesPerDirection, returnSequences, goBackwards);
        copy.maskOrigin = maskOrigin;
        copy.zeroOutputForMask = zeroOutputForMask;
        copy.inputFormat = inputFormat;
        copy.outputFormat = outputFormat;
        return copy;
    }

    @Override
    public long numParams(boolean backprop) {
        return parameterCount(forward) + (backward == null ? 0 : parameterCount(backward));
    }

    static long parameterCount(NeuralNetConfiguration layer) {
        return layer.getLayer().initializer().numParams(layer);
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1 + stateCount();
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new RecurrentWithStatesVertexImpl(graph, name, idx, this, paramsView, initializeParams, networkDatatype);
    }

    /** Also sets the recurrent layers' input size from the sequence's type, as DL4J does for layers. */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (!(vertexInputs[0] instanceof InputType.InputTypeRecurrent sequence)) {
            throw new InvalidInputTypeException("recurrent layer '" + forward.getLayer().getLayerName()
                    + "' wants a sequence (batch, time, features), got " + vertexInputs[0]);
        }
        if (vertexInputs.length != 1 && vertexInputs.length != 1 + stateCount()) {
            throw new InvalidInputTypeException("recurrent layer '" + forward.getLayer().getLayerName() + "' has "
                    + stateCount() + " states; it was given " + (vertexInputs.length - 1) + " initial states");
        }
        inputFormat = sequence.getFormat();
        InputType inNcw = InputType.recurrent(sequence.getSize(), sequence.getTimeSeriesLength(), RNNFormat.NCW);
        for (NeuralNetConfiguration direction : directions()) {
            BaseRecurrentLayer layer = (BaseRecurrentLayer) direction.getLayer();
            layer.setNIn(inNcw, false);
            layer.setRnnDataFormat(RNNFormat.NCW); // the vertex runs it in NCW whatever the graph uses
        }
        long size = ((BaseRecurrentLayer) forward.getLayer()).getNOut();
        if (backward != null && mergeMode == Bidirectional.Mode.CONCAT) {
            size *= 2;
        }
        return returnSequences
                ? InputType.recurrent(size, sequence.getTimeSeriesLength(), outputFormat)
                : InputType.feedForward(size);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType output = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, RecurrentWithStatesVertex.class, inputTypes[0], output)
                .standardMemory(numParams(false), 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    /** @return the states of one direction times the directions */
    public int stateCount() {
        return statesPerDirection * (backward == null ? 1 : 2);
    }

    NeuralNetConfiguration[] directions() {
        return backward == null ? new NeuralNetConfiguration[] {forward}
                : new NeuralNetConfiguration[] {forward, backward};
    }

    public NeuralNetConfiguration getForward() {
        return forward;
    }

    public NeuralNetConfiguration getBackward() {
        return backward;
    }

    public Bidirectional.Mode getMergeMode() {
        return mergeMode;
    }

    public int getStatesPerDirection() {
        return statesPerDirection;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public boolean isGoBackwards() {
        return goBackwards;
    }

    /**
     * Makes the vertex mask its input as Keras does after a Masking layer (or an Embedding with
     * {@code mask_zero}): a masked step leaves the states as they were and outputs the previous
     * output, or zeros. The mask is handed to the vertex at run time.
     *
     * @param maskOrigin the Masking or Embedding layer whose mask the sequence carries
     * @param zeroOutputForMask Keras's {@code zero_output_for_mask}
     */
    public void setMask(String maskOrigin, boolean zeroOutputForMask) {
        this.maskOrigin = maskOrigin;
        this.zeroOutputForMask = zeroOutputForMask;
    }

    /** @return the Masking or Embedding layer whose mask the sequence carries, or null */
    public String getMaskOrigin() {
        return maskOrigin;
    }

    /** @return whether padded steps output zeros rather than the previous output */
    public boolean isZeroOutputForMask() {
        return zeroOutputForMask;
    }

    /** @return the layout of the sequence the vertex is given (set when the graph is built) */
    public RNNFormat getInputFormat() {
        return inputFormat;
    }

    /** @return the layout of the sequence it outputs: that of the DL4J layer it stands for */
    public RNNFormat getOutputFormat() {
        return outputFormat;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecurrentWithStatesVertex vertex && Objects.equals(forward, vertex.forward)
                && Objects.equals(backward, vertex.backward) && mergeMode == vertex.mergeMode
                && statesPerDirection == vertex.statesPerDirection && returnSequences == vertex.returnSequences
                && goBackwards == vertex.goBackwards && Objects.equals(maskOrigin, vertex.maskOrigin)
                && zeroOutputForMask == vertex.zeroOutputForMask && inputFormat == vertex.inputFormat
                && outputFormat == vertex.outputFormat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(forward, backward, mergeMode, statesPerDirection, returnSequences, goBackwards, maskOrigin,
                zeroOutputForMask, inputFormat, outputFormat);
    }

    @Override
    public String toString() {
        return "RecurrentWithStatesVertex(" + Arrays.toString(directions()) + ", merge=" + mergeMode
                + ", returnSequences=" + returnSequences + ")";
    }
}
