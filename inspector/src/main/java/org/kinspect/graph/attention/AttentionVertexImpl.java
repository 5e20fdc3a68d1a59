package org.kinspect.graph.attention;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.kinspect.graph.base.InferenceVertex;
import org.kinspect.graph.masking.MaskReader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The running side of an {@link AttentionVertex}: its parameters, named as Keras names its weights,
 * are consecutive slices of DL4J's flat parameter view. Inference only, unless a subclass
 * differentiates its layer (the helpers for that are here).
 */
abstract class AttentionVertexImpl extends InferenceVertex implements MaskReader {
    protected final AttentionVertex conf;
    private List<INDArray> kerasMasks = List.of();
    private INDArray totalOutputGradient;
    private final INDArray params;
    private final Map<String, INDArray> parameters = new LinkedHashMap<>();
    private final Map<String, long[]> kerasShapes = new LinkedHashMap<>();
    private long used;

    AttentionVertexImpl(ComputationGraph graph, String name, int index, AttentionVertex conf, INDArray paramsView,
            DataType dataType) {
        super(graph, name, index, dataType, "attention layer");
        this.conf = conf;
        this.params = paramsView;
    }

    /**
     * Claims the next slice of the parameter view for a Keras weight.
     *
     * @param kerasName the weight's name among the layer's Keras weights
     * @param kerasShape its shape in Keras
     */
    protected final void claim(String kerasName, long... kerasShape) {
        long count = 1;
        for (long size : kerasShape) {
            count *= size;
        }
        // DL4J hands a vertex its parameters as a view of the graph's flat parameter row.
        INDArray flat = params.reshape(params.length());
        parameters.put(kerasName, flat.get(NDArrayIndex.interval(used, used + count)));
        kerasShapes.put(kerasName, kerasShape.clone());
        used += count;
    }

    /** @return the parameter's values in its Keras shape, as the given type */
    protected final INDArray parameter(String kerasName) {
        return parameters.get(kerasName).reshape('c', kerasShapes.get(kerasName)).castTo(dataType);
    }

    /**
     * Copies the Keras weights in, each into its slice, in C order.
     *
     * @param weights Keras weights by name ({@code scale}, {@code query/kernel}...)
     * @throws IllegalArgumentException when a weight is missing or has another shape
     */
    void setWeights(Map<String, INDArray> weights) {
        if (used != params.length()) {
            throw new IllegalStateException("attention layer '" + vertexName + "' claims " + used + " of its "
                    + params.length() + " parameters");
        }
        for (Map.Entry<String, INDArray> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            INDArray given = weights.get(name);
            long[] wanted = kerasShapes.get(name);
            if (given == null) {
                throw new IllegalArgumentException("no weight '" + name + "' among " + weights.keySet());
            }
            if (!Arrays.equals(given.shape(), wanted)) {
                throw new IllegalArgumentException("weight '" + name + "' has shape "
                        + Arrays.toString(given.shape()) + ", the layer wants " + Arrays.toString(wanted));
            }
            parameter.getValue().assign(given.dup('c').reshape(new long[] {given.length()}));
        }
    }

    /** @return input {@code index} as (batch, time, features) */
    protected final INDArray sequence(int index) {
        // a folded input's batch is the graph's: DL4J folds with the batch of the graph's inputs
        return conf.inputLayouts()[index].batchTimeFeatures(inputs[index], graph.batchSize(), dataType);
    }

    /** @return a (batch, time, features) output in the query's layout */
    protected final INDArray output(INDArray batchTimeFeatures) {
        return conf.inputLayouts()[conf.getCall().query()].fromBatchTimeFeatures(batchTimeFeatures);
    }

    @Override
    public List<String> maskOrigins() {
        return conf.inputMaskOrigins();
    }

    @Override
    public void setKerasMasks(List<INDArray> masks) {
        kerasMasks = masks;
    }

    @Override
    public void clear() {
        super.clear();
        kerasMasks = List.of();
        totalOutputGradient = null;
    }

    /**
     * @param index an input
     * @param sequence that input as (batch, T, features)
     * @return 1 for the steps its Keras mask keeps, 0 for masked ones, (batch, T); null when it has no mask
     */
    protected final INDArray stepsKept(int index, INDArray sequence) {
        List<String> origins = conf.inputMaskOrigins();
        if (index >= origins.size() || origins.get(index) == null) {
            return null;
        }
        if (index >= kerasMasks.size() || kerasMasks.get(index) == null) {
            throw MaskReader.maskMissing(getVertexName());
        }
        return kerasMasks.get(index).castTo(dataType);
    }

    /**
     * Which value steps each query step may see: none after it with {@code use_causal_mask}, none
     * that an {@code attention_mask} input marks 0, none that the value's (or key's) Keras mask
     * hides, and, when the query's Keras mask is given, none at all from a masked query step.
     *
     * @param queryKept (batch, Tq) from the query's Keras mask, or null
     * @param valueKept (batch, Tv) from the value's and key's Keras masks, each or both null
     * @return 1 where query step i may see value step j, else 0, (batch, Tq, Tv); null when nothing is hidden
     */
    protected final INDArray keep(long batch, long querySteps, long valueSteps, INDArray queryKept,
            INDArray... valueKept) {
        long[] shape = {batch, querySteps, valueSteps};
        INDArray keep = null;
        if (conf.getCall().useCausalMask()) {
            keep = AttentionWeights.causal(querySteps, valueSteps, dataType).reshape(1, querySteps, valueSteps)
                    .broadcast(shape).dup('c');
        }
        if (conf.getCall().attentionMask() >= 0) {
            // Keras casts the mask to bool: any non-zero value lets the step be seen.
            keep = both(keep, sequence(conf.getCall().attentionMask()).neq(0.0).castTo(dataType));
        }
        if (queryKept != null) {
            keep = both(keep, queryKept.reshape(batch, querySteps, 1).broadcast(shape).dup('c'));
        }
        for (INDArray kept : valueKept) {
            if (kept != null) {
                keep = both(keep, kept.reshape(batch, 1, valueSteps).broadcast(shape).dup('c'));
            }
        }
        return keep;
    }

    private static INDArray both(INDArray keep, INDArray more) {
        return keep == null ? more : keep.muli(more);
    }

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropOnly) {
        return new LinkedHashMap<>(parameters);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("attention layer '" + vertexName + "': inputs not set");
        }
        Attended attended = forward();
        if (!conf.getCall().returnScores()) {
            return output(attended.values());
        }
        // One vertex, one output: the output (in the query's layout, unfolded) and the scores, C order,
        // side by side in one row per example, which RecurrentOutputVertex vertices take apart again.
        INDArray values = conf.inputLayouts()[conf.getCall().query()] == SequenceLayout.NCW
                ? attended.values().permute(0, 2, 1).dup('c') : attended.values();
        long batch = values.size(0);
        return Nd4j.hstack(values.reshape('c', batch, values.length() / batch),
                attended.scores().dup('c').reshape('c', batch, attended.scores().length() / batch));
    }

    /**
     * Checked against Keras for every attention layer without Keras masks: a causal mask and an
     * {@code attention_mask} input are constants for the backward pass (Keras casts the latter to
     * bool: no gradient reaches it); a masked model is refused before.
     *
     * @return whether no input carries a Keras mask
     */
    @Override
    public final boolean hasCheckedBackward() {
        return conf.inputMaskOrigins().stream().allMatch(java.util.Objects::isNull);
    }

    /**
     * Unpacks the gradient handed to the backward pass.
     *
     * @param valuesShape the shape of the layer's output, (batch, Tq, features)
     * @param scoresShape the shape of the attention scores
     * @return the gradient with respect to the output, (batch, Tq, features), and to the scores, in
     *     their shape (zeros when the layer does not return them)
     */
    protected final INDArray[] outputGradients(long[] valuesShape, long[] scoresShape) {
        INDArray given = epsilon.castTo(dataType);
        SequenceLayout layout = conf.inputLayouts()[conf.getCall().query()];
        if (!conf.getCall().returnScores()) {
            return new INDArray[] {layout.batchTimeFeatures(given, graph.batchSize(), dataType),
                Nd4j.zeros(dataType, scoresShape)};
        }
        // as doForward packs them: the values (batch, features, Tq) for an NCW query, else (batch, Tq, features)
        long batch = valuesShape[0];
        long valuesWidth = valuesShape[1] * valuesShape[2];
        INDArray packedValues = given.get(NDArrayIndex.all(), NDArrayIndex.interval(0, valuesWidth)).dup('c');
        INDArray valuesGradient = layout == SequenceLayout.NCW
                ? packedValues.reshape('c', batch, valuesShape[2], valuesShape[1]).permute(0, 2, 1).dup('c')
                : packedValues.reshape('c', valuesShape);
        INDArray scoresGradient = given.get(NDArrayIndex.all(), NDArrayIndex.interval(valuesWidth, given.size(1)))
                .dup('c').reshape('c', scoresShape);
        return new INDArray[] {valuesGradient, scoresGradient};
    }

    /**
     * Keeps the total gradient Keras reports for the scores, the output being computed from them.
     *
     * @param scoresGradient the scores' gradient through every path, in their shape
     */
    protected final void keepTotalOutputGradient(INDArray scoresGradient) {
        if (!conf.getCall().returnScores()) {
            return;
        }
        INDArray total = epsilon.castTo(dataType).dup('c');
        long batch = total.size(0);
        long scoresWidth = scoresGradient.length() / batch;
        total.get(NDArrayIndex.all(), NDArrayIndex.interval(total.size(1) - scoresWidth, total.size(1)))
                .assign(scoresGradient.dup('c').reshape('c', batch, scoresWidth));
        totalOutputGradient = total;
    }

    @Override
    public INDArray totalOutputGradient() {
        return totalOutputGradient;
    }

    /**
     * @return the gradients with respect to the query, value and key, each (batch, T, features),
     *     as the gradients of the vertex's inputs (one input that is both value and key gets both)
     */
    protected final INDArray[] inputGradients(INDArray queryGradient, INDArray valueGradient, INDArray keyGradient) {
        var call = conf.getCall();
        INDArray[] byInput = new INDArray[inputs.length];
        add(byInput, call.query(), queryGradient);
        add(byInput, call.value(), valueGradient);
        add(byInput, call.key(), keyGradient);
        for (int i = 0; i < byInput.length; i++) {
            if (byInput[i] != null) {
                byInput[i] = conf.inputLayouts()[i].fromBatchTimeFeatures(byInput[i]).reshape(inputs[i].shape());
            }
        }
        return byInput;
    }

    private static void add(INDArray[] byInput, int index, INDArray gradient) {
        byInput[index] = byInput[index] == null ? gradient.dup('c') : byInput[index].addi(gradient);
    }

    /**
     * What an attention layer computes.
     *
     * @param values the attended values, (batch, Tq, features)
     * @param scores the attention scores (the softmax weights), (batch, Tq, Tv) or (batch, heads, Tq, Tv)
     */
    protected record Attended(INDArray values, INDArray scores) {}

    /** @return the layer's output and scores for the current inputs */
    protected abstract Attended forward();

    /** @return a batched matrix product of (n, a, b) and (n, b, c) (or (n, c, b) transposed) */
    protected static INDArray batchedProduct(INDArray left, INDArray right, boolean transposeRight) {
        return Nd4j.matmul(left, right, false, transposeRight, false);
    }

}
