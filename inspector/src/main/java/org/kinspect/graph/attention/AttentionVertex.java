package org.kinspect.graph.attention;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.kinspect.config.AttentionCall;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * What kinspect's attention vertices share: the Keras layer's name, its {@link AttentionCall} (which
 * input is the query, the value, the key, the mask), and the DL4J layouts of its inputs, learnt
 * when the graph is built. Without Keras masks they also have a backward pass, for the gradients.
 */
// DL4J's configuration JSON (a converted model) keeps the fields, the layouts learnt when the graph
// was built among them; the getters derive values and would not read back.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public abstract class AttentionVertex extends GraphVertex {
    protected String layerName;
    protected AttentionCall call;
    protected SequenceLayout[] inputLayouts;
    protected String[] inputMaskOrigins;

    /** For subclasses' copies. */
    protected AttentionVertex() {}

    protected AttentionVertex(String layerName, AttentionCall call) {
        this.layerName = layerName;
        this.call = call;
    }

    @Override
    public int minVertexInputs() {
        return call.inputCount();
    }

    @Override
    public int maxVertexInputs() {
        return call.inputCount();
    }

    /**
     * Checks the inputs, remembers their layouts, and has the subclass size itself from them.
     *
     * @return the output: a sequence as long as the query, in the query's layout (folded when it is);
     *     with {@code return_attention_scores}, the type of the output as packed with the scores
     *     (see {@link AttentionVertexImpl}), which RecurrentOutputVertex takes apart
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != call.inputCount()) {
            throw new InvalidInputTypeException("attention layer '" + layerName + "' takes " + call.inputCount()
                    + " inputs, got " + vertexInputs.length);
        }
        inputLayouts = new SequenceLayout[vertexInputs.length];
        for (int i = 0; i < vertexInputs.length; i++) {
            inputLayouts[i] = SequenceLayout.of(vertexInputs[i], layerName, "input " + i);
        }
        InputType query = vertexInputs[call.query()];
        long features = outputFeatures(SequenceLayout.features(query),
                SequenceLayout.features(vertexInputs[call.value()]), SequenceLayout.features(vertexInputs[call.key()]));
        if (call.returnScores()) {
            // packed with the scores, one row per example: the output unfolded, (batch, Tq, features)
            return InputType.recurrent(features, SequenceLayout.steps(query),
                    inputLayouts[call.query()] == SequenceLayout.NCW ? RNNFormat.NCW : RNNFormat.NWC);
        }
        return inputLayouts[call.query()].outputType(features, SequenceLayout.steps(query));
    }

    /**
     * Sizes the vertex from its inputs (called when the graph is built, before parameters are counted).
     *
     * @return the features of each output step
     * @throws InvalidInputTypeException when the sizes do not fit together
     */
    protected abstract long outputFeatures(long queryFeatures, long valueFeatures, long keyFeatures);

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType output = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputTypes[call.query()], output)
                .standardMemory(numParams(false), 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    /** @return the Keras layer's name */
    public String getLayerName() {
        return layerName;
    }

    /** @return which input is which */
    public AttentionCall getCall() {
        return call;
    }

    /** @return how DL4J holds each input, once the graph is built */
    SequenceLayout[] inputLayouts() {
        return inputLayouts;
    }

    /**
     * Makes the vertex mask its inputs as Keras does after a Masking layer (or an Embedding with
     * {@code mask_zero}); the masks are handed to the vertex at run time.
     *
     * @param maskOrigins for each input, the Masking or Embedding layer whose mask it carries, or null
     */
    public void setInputMaskOrigins(java.util.List<String> maskOrigins) {
        this.inputMaskOrigins = maskOrigins.toArray(String[]::new);
    }

    /** @return for each input, the Masking or Embedding layer whose mask it carries, or null; empty without masks */
    public java.util.List<String> inputMaskOrigins() {
        return inputMaskOrigins == null ? java.util.List.of() : Arrays.asList(inputMaskOrigins);
    }

    protected void copyInputLayoutsTo(AttentionVertex copy) {
        copy.inputLayouts = inputLayouts == null ? null : inputLayouts.clone();
        copy.inputMaskOrigins = inputMaskOrigins == null ? null : inputMaskOrigins.clone();
    }

    protected boolean sameCall(AttentionVertex other) {
        return layerName.equals(other.layerName) && call.equals(other.call)
                && Arrays.equals(inputLayouts, other.inputLayouts)
                && Arrays.equals(inputMaskOrigins, other.inputMaskOrigins);
    }
}
