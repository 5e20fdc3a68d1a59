package org.kinspect.graph.attention;

import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.config.AttentionCall;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code MultiHeadAttention} over sequences (attention over the steps, Keras's default
 * {@code attention_axes}): query, key and value projected into {@code heads} heads, scaled
 * dot-product attention per head (future steps hidden with {@code use_causal_mask}, steps an
 * {@code attention_mask} input marks 0 hidden), the heads projected back to the query's features.
 * Self-attention (one input for query, value and key) and cross-attention (query and value of
 * different lengths and features, an optional separate key) alike.
 *
 * <p>Parameters, each a Keras weight in C order: {@code query/kernel} (query features, heads, key
 * size), {@code query/bias} (heads, key size), the same for {@code key/} and for {@code value/} (with
 * the value size), then {@code attention_output/kernel} (heads, value size, output features: the
 * query's, or Keras's {@code output_shape}) and {@code attention_output/bias}; without
 * {@code use_bias}, the kernels alone.
 *
 * <pre>{@code
 * new MultiHeadAttentionVertex("mha", call, 2, 4, 4, true); // MultiHeadAttention(num_heads=2, key_dim=4)
 * }</pre>
 */
public class MultiHeadAttentionVertex extends AttentionVertex {
    private int heads;
    private int keySize;
    private int valueSize;
    private boolean useBias;
    private long queryFeatures;
    private long keyFeatures;
    private long valueFeatures;
    private long outputFeatures;

    /** For copies. */
    protected MultiHeadAttentionVertex() {}

    /**
     * @param layerName the Keras layer
     * @param call which input is the query, the value, the key and the attention mask
     * @param heads Keras's {@code num_heads}
     * @param keySize Keras's {@code key_dim}
     * @param valueSize Keras's {@code value_dim}
     * @param useBias Keras's {@code use_bias}
     */
    public MultiHeadAttentionVertex(String layerName, AttentionCall call, int heads, int keySize, int valueSize,
            boolean useBias) {
        super(layerName, call);
        this.heads = heads;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.useBias = useBias;
    }

    @Override
    protected long outputFeatures(long queryFeatures, long valueFeatures, long keyFeatures) {
        this.queryFeatures = queryFeatures;
        this.keyFeatures = keyFeatures;
        this.valueFeatures = valueFeatures;
        return outputs();
    }

    /** @param outputFeatures Keras's {@code output_shape} (one axis), or 0 for the query's features */
    public void setOutputFeatures(long outputFeatures) {
        this.outputFeatures = outputFeatures;
    }

    /** @return the features of each output step */
    public long outputs() {
        return outputFeatures > 0 ? outputFeatures : queryFeatures;
    }

    @Override
    public long numParams(boolean backprop) {
        long projections = (queryFeatures + keyFeatures) * heads * keySize + valueFeatures * heads * valueSize
                + (long) heads * valueSize * outputs();
        long biases = useBias ? 2L * heads * keySize + (long) heads * valueSize + outputs() : 0;
        return projections + biases;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new MultiHeadAttentionVertexImpl(graph, name, idx, this, paramsView, networkDatatype);
    }

    public int getHeads() {
        return heads;
    }

    public int getKeySize() {
        return keySize;
    }

    public int getValueSize() {
        return valueSize;
    }

    public boolean isUseBias() {
        return useBias;
    }

    public long getQueryFeatures() {
        return queryFeatures;
    }

    public long getKeyFeatures() {
        return keyFeatures;
    }

    public long getValueFeatures() {
        return valueFeatures;
    }

    @Override
    public MultiHeadAttentionVertex clone() {
        MultiHeadAttentionVertex copy = new MultiHeadAttentionVertex(layerName, call, heads, keySize, valueSize,
                useBias);
        copy.queryFeatures = queryFeatures;
        copy.keyFeatures = keyFeatures;
        copy.valueFeatures = valueFeatures;
        copy.outputFeatures = outputFeatures;
        copyInputLayoutsTo(copy);
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MultiHeadAttentionVertex vertex && sameCall(vertex) && heads == vertex.heads
                && keySize == vertex.keySize && valueSize == vertex.valueSize && useBias == vertex.useBias
                && queryFeatures == vertex.queryFeatures && keyFeatures == vertex.keyFeatures
                && valueFeatures == vertex.valueFeatures && outputFeatures == vertex.outputFeatures;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layerName, call, heads, keySize, valueSize, useBias, queryFeatures, keyFeatures,
                valueFeatures, outputFeatures);
    }

    @Override
    public String toString() {
        return "MultiHeadAttentionVertex(" + layerName + ", heads=" + heads + ", key=" + keySize + ", value="
                + valueSize + ", " + call + ")";
    }
}
