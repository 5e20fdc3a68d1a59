package org.kinspect.graph.attention;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Runs a {@link ScoredAttentionVertex}, as Keras's {@code Attention} and {@code AdditiveAttention} compute. */
final class ScoredAttentionVertexImpl extends AttentionVertexImpl {
    private final ScoredAttentionVertex scored;

    ScoredAttentionVertexImpl(ComputationGraph graph, String name, int index, ScoredAttentionVertex conf,
            INDArray paramsView, DataType dataType) {
        super(graph, name, index, conf, paramsView, dataType);
        this.scored = conf;
        long scales = conf.scaleCount();
        if (scales > 0) {
            if (conf.getScore() == AttentionScore.ADDITIVE) {
                claim("scale", scales);
            } else {
                claim("scale");
            }
        }
        if (conf.getScore() == AttentionScore.CONCAT) {
            claim("concat_score_weight");
        }
    }

    @Override
    protected Attended forward() {
        var call = conf.getCall();
        INDArray query = sequence(call.query()); // (batch, Tq, features)
        INDArray value = sequence(call.value()); // (batch, Tv, value features)
        INDArray key = sequence(call.key()); // (batch, Tv, features)
        long batch = query.size(0);
        INDArray scores = scores(query, key); // (batch, Tq, Tv)
        // Keras's Attention masks value steps by the value's mask (not the key's), and zeroes the
        // output at masked query steps
        INDArray keep = keep(batch, query.size(1), key.size(1), null, stepsKept(call.value(), value));
        INDArray weights = AttentionWeights.softmax(scores, keep);
        INDArray attended = batchedProduct(weights, value, false);
        INDArray queryKept = stepsKept(call.query(), query);
        if (queryKept != null) {
            attended.muli(queryKept.reshape(batch, query.size(1), 1).broadcast(attended.shape()));
        }
        return new Attended(attended, weights);
    }

    private INDArray scores(INDArray query, INDArray key) {
        if (scored.getScore() == AttentionScore.DOT) {
            INDArray scores = batchedProduct(query, key, true);
            return scored.scaleCount() > 0 ? scores.muli(parameter("scale").getDouble(0)) : scores;
        }
        long batch = query.size(0);
        long querySteps = query.size(1);
        long keySteps = key.size(1);
        long features = query.size(2);
        // every pair of steps: (batch, Tq, 1, f) + (batch, 1, Tv, f)
        INDArray sums = query.reshape(batch, querySteps, 1, features).broadcast(batch, querySteps, keySteps, features)
                .add(key.reshape(batch, 1, keySteps, features).broadcast(batch, querySteps, keySteps, features));
        INDArray pairs = sums.reshape('c', batch * querySteps * keySteps, features);
        INDArray summed;
        if (scored.getScore() == AttentionScore.ADDITIVE) {
            INDArray tanh = Transforms.tanh(pairs, false);
            summed = scored.scaleCount() > 0 ? tanh.muliRowVector(parameter("scale")).sum(1) : tanh.sum(1);
        } else {
            if (scored.scaleCount() > 0) {
                pairs.muli(parameter("scale").getDouble(0));
            }
            summed = Transforms.tanh(pairs, false).sum(1).muli(parameter("concat_score_weight").getDouble(0));
        }
        return summed.reshape('c', batch, querySteps, keySteps);
    }
}
