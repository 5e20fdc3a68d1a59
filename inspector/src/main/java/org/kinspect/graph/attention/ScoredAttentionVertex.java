package org.kinspect.graph.attention;

import java.util.Objects;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.kinspect.config.AttentionCall;

/**
 * Keras's {@code Attention} (Luong) and {@code AdditiveAttention} (Bahdanau) layers: each query step
 * scores every key step ({@link AttentionScore}), the scores go through a softmax over the key
 * steps (future steps hidden with {@code use_causal_mask}), and the output is the value steps
 * weighted by them. Query and value may have different lengths.
 *
 * <p>Parameters, in Keras's order: {@code scale} (none, one, or one per feature for
 * AdditiveAttention), then {@code concat_score_weight} for {@link AttentionScore#CONCAT}.
 *
 * <pre>{@code
 * new ScoredAttentionVertex("attention", call, AttentionScore.DOT, true); // Attention(use_scale=True)
 * }</pre>
 */
public class ScoredAttentionVertex extends AttentionVertex {
    private AttentionScore score;
    private boolean useScale;
    private long features;

    /** For copies. */
    protected ScoredAttentionVertex() {}

    /**
     * @param layerName the Keras layer
     * @param call which input is the query, the value and the key
     * @param score how steps are scored
     * @param useScale Keras's {@code use_scale}
     */
    public ScoredAttentionVertex(String layerName, AttentionCall call, AttentionScore score, boolean useScale) {
        super(layerName, call);
        this.score = score;
        this.useScale = useScale;
    }

    @Override
    protected long outputFeatures(long queryFeatures, long valueFeatures, long keyFeatures) {
        if (queryFeatures != keyFeatures) {
            throw new InvalidInputTypeException("attention layer '" + layerName + "': query and key must have as many"
                    + " features, got " + queryFeatures + " and " + keyFeatures);
        }
        features = queryFeatures;
        return valueFeatures;
    }

    @Override
    public long numParams(boolean backprop) {
        return scaleCount() + (score == AttentionScore.CONCAT ? 1 : 0);
    }

    /** @return the values of Keras's {@code scale}: none, one, or one per feature for AdditiveAttention */
    public long scaleCount() {
        if (!useScale) {
            return 0;
        }
        return score == AttentionScore.ADDITIVE ? features : 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new ScoredAttentionVertexImpl(graph, name, idx, this, paramsView, networkDatatype);
    }

    public AttentionScore getScore() {
        return score;
    }

    public boolean isUseScale() {
        return useScale;
    }

    @Override
    public ScoredAttentionVertex clone() {
        ScoredAttentionVertex copy = new ScoredAttentionVertex(layerName, call, score, useScale);
        copy.features = features;
        copyInputLayoutsTo(copy);
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoredAttentionVertex vertex && sameCall(vertex) && score == vertex.score
                && useScale == vertex.useScale && features == vertex.features;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layerName, call, score, useScale, features);
    }

    @Override
    public String toString() {
        return "ScoredAttentionVertex(" + layerName + ", " + score + ", useScale=" + useScale + ", " + call + ")";
    }
}
