package org.kinspect.graph.attention;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a {@link MultiHeadAttentionVertex} as Keras's {@code MultiHeadAttention} computes. */
final class MultiHeadAttentionVertexImpl extends AttentionVertexImpl {
    private final MultiHeadAttentionVertex multiHead;

    MultiHeadAttentionVertexImpl(ComputationGraph graph, String name, int index, MultiHeadAttentionVertex conf,
            INDArray paramsView, DataType dataType) {
        super(graph, name, index, conf, paramsView, dataType);
        this.multiHead = conf;
        int heads = conf.getHeads();
        projection("query", conf.getQueryFeatures(), heads, conf.getKeySize());
        projection("key", conf.getKeyFeatures(), heads, conf.getKeySize());
        projection("value", conf.getValueFeatures(), heads, conf.getValueSize());
        claim("attention_output/kernel", heads, conf.getValueSize(), conf.outputs());
        if (conf.isUseBias()) {
            claim("attention_output/bias", conf.outputs());
        }
    }

    /** Keras's order: each EinsumDense's kernel, then its bias. */
    private void projection(String name, long features, long heads, long size) {
        claim(name + "/kernel", features, heads, size);
        if (multiHead.isUseBias()) {
            claim(name + "/bias", heads, size);
        }
    }

    @Override
    protected Attended forward() {
        var call = conf.getCall();
        INDArray query = sequence(call.query()); // (batch, Tq, query features)
        INDArray value = sequence(call.value()); // (batch, Tv, value features)
        INDArray key = sequence(call.key()); // (batch, Tv, key features)
        long batch = query.size(0);
        long querySteps = query.size(1);
        long valueSteps = value.size(1);
        int heads = multiHead.getHeads();
        INDArray queries = heads(project(query, "query"), heads) // (batch * heads, Tq, key size)
                .muli(1.0 / Math.sqrt(multiHead.getKeySize()));
        INDArray keys = heads(project(key, "key"), heads); // (batch * heads, Tv, key size)
        INDArray values = heads(project(value, "value"), heads); // (batch * heads, Tv, value size)
        INDArray scores = batchedProduct(queries, keys, true); // (batch * heads, Tq, Tv)
        // Keras's MultiHeadAttention: the query's, value's and key's masks all narrow the attention
        INDArray keep = keep(batch, querySteps, valueSteps, stepsKept(call.query(), query),
                stepsKept(call.value(), value), stepsKept(call.key(), key));
        if (keep != null) {
            // the same mask for every head
            keep = keep.reshape(batch, 1, querySteps, valueSteps).broadcast(batch, heads, querySteps, valueSteps)
                    .dup('c').reshape('c', batch * heads, querySteps, valueSteps);
        }
        INDArray weights = AttentionWeights.softmax(scores, keep); // (batch * heads, Tq, Tv)
        INDArray attended = batchedProduct(weights, values, false);
        // (batch * heads, Tq, value size) -> (batch * Tq, heads * value size)
        INDArray merged = attended.reshape('c', batch, heads, querySteps, multiHead.getValueSize())
                .permute(0, 2, 1, 3).dup('c').reshape('c', batch * querySteps, (long) heads * multiHead.getValueSize());
        INDArray kernel = parameter("attention_output/kernel");
        INDArray projected = merged.mmul(kernel.reshape('c', (long) heads * multiHead.getValueSize(), kernel.size(2)));
        if (multiHead.isUseBias()) {
            projected.addiRowVector(parameter("attention_output/bias"));
        }
        return new Attended(projected.reshape('c', batch, querySteps, kernel.size(2)),
                weights.reshape('c', batch, heads, querySteps, valueSteps));
    }

    /** @return the sequence (batch, T, f) through an EinsumDense {@code abc,cde->abde}: (batch, T, heads, size) */
    private INDArray project(INDArray sequence, String name) {
        INDArray kernel = parameter(name + "/kernel"); // (f, heads, size)
        long batch = sequence.size(0);
        long steps = sequence.size(1);
        INDArray flat = sequence.reshape('c', batch * steps, sequence.size(2))
                .mmul(kernel.reshape('c', kernel.size(0), kernel.size(1) * kernel.size(2)));
        if (multiHead.isUseBias()) {
            flat.addiRowVector(parameter(name + "/bias").reshape(kernel.size(1) * kernel.size(2)));
        }
        return flat.reshape('c', batch, steps, kernel.size(1), kernel.size(2));
    }

    /** @return (batch, T, heads, size) as (batch * heads, T, size) */
    private static INDArray heads(INDArray projected, int heads) {
        long batch = projected.size(0);
        long steps = projected.size(1);
        long size = projected.size(3);
        return projected.permute(0, 2, 1, 3).dup('c').reshape('c', batch * heads, steps, size);
    }
}
