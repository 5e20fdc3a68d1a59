package org.kinspect.graph.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Turns attention scores (..., query steps, value steps) into attention weights as Keras does:
 * steps a mask hides get a score of -1e9 (Keras subtracts 1e9 or adds its "large negative", which
 * gives the same weights whenever a query step sees any value step), then a softmax over the value
 * steps.
 */
final class AttentionWeights {
    private static final double HIDDEN_SCORE = -1.0e9;

    private AttentionWeights() {}

    /**
     * @param scores (n, query steps, value steps), changed in place
     * @param keep 1 where a query step may see a value step, 0 where not, same shape; null: all
     * @return the weights, (n, query steps, value steps)
     */
    static INDArray softmax(INDArray scores, INDArray keep) {
        long[] shape = scores.shape();
        if (keep != null) {
            // score * keep + (keep - 1) * 1e9: the score where kept, -1e9 where hidden
            scores.muli(keep).addi(keep.sub(1.0).muli(-HIDDEN_SCORE));
        }
        INDArray rows = scores.reshape('c', shape[0] * shape[1], shape[2]);
        INDArray shifted = rows.subColumnVector(rows.max(1).reshape(rows.size(0), 1));
        INDArray exponentials = Transforms.exp(shifted, false);
        INDArray weights = exponentials.diviColumnVector(exponentials.sum(1).reshape(rows.size(0), 1));
        return weights.reshape('c', shape);
    }

    /**
     * The backward pass of {@link #softmax}.
     *
     * @param weights the softmax's output, (n, query steps, value steps)
     * @param weightsGradient the gradient with respect to it
     * @param keep what {@link #softmax} was given: 1 where a query step may see a value step; null: all
     * @return the gradient with respect to the scores, (n, query steps, value steps); 0 where hidden
     */
    static INDArray softmaxBackward(INDArray weights, INDArray weightsGradient, INDArray keep) {
        long[] shape = weights.shape();
        INDArray rows = weights.dup('c').reshape('c', shape[0] * shape[1], shape[2]);
        INDArray gradient = weightsGradient.dup('c').reshape('c', shape[0] * shape[1], shape[2]);
        // d score_j = w_j (d w_j - sum_k w_k d w_k)
        INDArray seen = rows.mul(gradient).sum(1).reshape(rows.size(0), 1);
        INDArray scores = gradient.subiColumnVector(seen).muli(rows).reshape('c', shape);
        return keep == null ? scores : scores.muli(keep);
    }

    /**
     * @param querySteps Tq
     * @param valueSteps Tv
     * @param dataType the graph's data type
     * @return (Tq, Tv): 1 where value step j is not after query step i (Keras's causal mask, aligned at the first step)
     */
    static INDArray causal(long querySteps, long valueSteps, DataType dataType) {
        INDArray keep = Nd4j.zeros(dataType, querySteps, valueSteps);
        for (long i = 0; i < querySteps; i++) {
            for (long j = 0; j <= Math.min(i, valueSteps - 1); j++) {
                keep.putScalar(i, j, 1.0);
            }
        }
        return keep;
    }
}
