package org.kinspect.graph.attention;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a {@link MultiHeadAttentionVertex} as Keras's {@code MultiHeadAttention} computes, and
 * differentiates it (without Keras masks) for the gradients.
 */
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

    /**
     * Runs the layer again keeping what the backward pass reads, then goes back through the output
     * projection, the weighted sum of the values, the softmax, the scaled dot products and the
     * three input projections.
     */
    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!hasCheckedBackward()) {
            return super.doBackward(tbptt, workspaceMgr);
        }
        var call = conf.getCall();
        INDArray query = sequence(call.query());
        INDArray value = sequence(call.value());
        INDArray key = sequence(call.key());
        long batch = query.size(0);
        long querySteps = query.size(1);
        long valueSteps = value.size(1);
        int heads = multiHead.getHeads();
        long valueSize = multiHead.getValueSize();
        double queryScale = 1.0 / Math.sqrt(multiHead.getKeySize());
        INDArray queries = heads(project(query, "query"), heads).muli(queryScale);
        INDArray keys = heads(project(key, "key"), heads);
        INDArray values = heads(project(value, "value"), heads);
        INDArray keep = keep(batch, querySteps, valueSteps, null);
        if (keep != null) {
            keep = keep.reshape(batch, 1, querySteps, valueSteps).broadcast(batch, heads, querySteps, valueSteps)
                    .dup('c').reshape('c', batch * heads, querySteps, valueSteps);
        }
        INDArray weights = AttentionWeights.softmax(batchedProduct(queries, keys, true), keep);
        INDArray attended = batchedProduct(weights, values, false); // (batch * heads, Tq, value size)
        INDArray merged = attended.reshape('c', batch, heads, querySteps, valueSize).permute(0, 2, 1, 3).dup('c')
                .reshape('c', batch * querySteps, heads * valueSize);
        INDArray kernel = parameter("attention_output/kernel");
        INDArray[] given = outputGradients(new long[] {batch, querySteps, kernel.size(2)},
                new long[] {batch, heads, querySteps, valueSteps});
        Gradient parameters = new DefaultGradient();
        INDArray outputGradient = given[0].dup('c').reshape('c', batch * querySteps, kernel.size(2));
        parameters.setGradientFor("attention_output/kernel", merged.transpose().mmul(outputGradient));
        if (multiHead.isUseBias()) {
            parameters.setGradientFor("attention_output/bias", outputGradient.sum(0));
        }
        INDArray attendedGradient = outputGradient.mmul(kernel.reshape('c', heads * valueSize, kernel.size(2)).transpose())
                .reshape('c', batch, querySteps, heads, valueSize).permute(0, 2, 1, 3).dup('c')
                .reshape('c', batch * heads, querySteps, valueSize);
        INDArray weightsGradient = batchedProduct(attendedGradient, values, true)
                .addi(given[1].dup('c').reshape('c', batch * heads, querySteps, valueSteps));
        INDArray valuesGradient = Nd4j.matmul(weights, attendedGradient, true, false, false);
        INDArray scoresGradient = AttentionWeights.softmaxBackward(weights, weightsGradient, keep);
        INDArray queriesGradient = batchedProduct(scoresGradient, keys, false).muli(queryScale);
        INDArray keysGradient = Nd4j.matmul(scoresGradient, queries, true, false, false);
        keepTotalOutputGradient(weightsGradient.reshape('c', batch, heads, querySteps, valueSteps));
        return new Pair<>(parameters, inputGradients(
                projectBack(query, "query", unheads(queriesGradient, heads), parameters),
                projectBack(value, "value", unheads(valuesGradient, heads), parameters),
                projectBack(key, "key", unheads(keysGradient, heads), parameters)));
    }

    /**
     * The backward pass of {@link #project}.
     *
     * @param projectedGradient (batch, T, heads, size)
     * @param parameters receives the kernel's and bias's gradients
     * @return the gradient with respect to the sequence, (batch, T, f)
     */
    private INDArray projectBack(INDArray sequence, String name, INDArray projectedGradient, Gradient parameters) {
        INDArray kernel = parameter(name + "/kernel"); // (f, heads, size)
        long batch = sequence.size(0);
        long steps = sequence.size(1);
        INDArray rows = projectedGradient.dup('c').reshape('c', batch * steps, kernel.size(1) * kernel.size(2));
        INDArray flatKernel = kernel.reshape('c', kernel.size(0), kernel.size(1) * kernel.size(2));
        parameters.setGradientFor(name + "/kernel", sequence.reshape('c', batch * steps, sequence.size(2)).transpose()
                .mmul(rows));
        if (multiHead.isUseBias()) {
            // The key's bias adds the same q . b to every score of a query step, which the softmax
            // ignores: its gradient is exactly 0 (summing the rows would give rounding noise instead).
            parameters.setGradientFor(name + "/bias", name.equals("key") ? Nd4j.zeros(dataType, rows.size(1))
                    : rows.sum(0));
        }
        return rows.mmul(flatKernel.transpose()).reshape('c', batch, steps, sequence.size(2));
    }

    /** @return (batch * heads, T, size) as (batch, T, heads, size): the inverse of {@link #heads} */
    private static INDArray unheads(INDArray perHead, int heads) {
        long batch = perHead.size(0) / heads;
        return perHead.reshape('c', batch, heads, perHead.size(1), perHead.size(2)).permute(0, 2, 1, 3).dup('c');
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
