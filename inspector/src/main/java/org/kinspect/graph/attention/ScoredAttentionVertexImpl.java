package org.kinspect.graph.attention;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a {@link ScoredAttentionVertex}, as Keras's {@code Attention} and {@code AdditiveAttention}
 * compute, and differentiates it (without Keras masks) for the gradients.
 */
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

    /**
     * Runs the layer again, keeping what the backward pass reads: the output is the weights times
     * the value, the weights a softmax of the scores, the scores a function of query and key.
     */
    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!hasCheckedBackward()) {
            return super.doBackward(tbptt, workspaceMgr);
        }
        var call = conf.getCall();
        INDArray query = sequence(call.query()); // (batch, Tq, features)
        INDArray value = sequence(call.value()); // (batch, Tv, value features)
        INDArray key = sequence(call.key()); // (batch, Tv, features)
        long batch = query.size(0);
        INDArray keep = keep(batch, query.size(1), key.size(1), null);
        INDArray weights = AttentionWeights.softmax(scores(query, key), keep); // (batch, Tq, Tv)
        INDArray attended = batchedProduct(weights, value, false);
        INDArray[] given = outputGradients(attended.shape(), weights.shape());
        INDArray weightsGradient = batchedProduct(given[0], value, true).addi(given[1]);
        INDArray valueGradient = Nd4j.matmul(weights, given[0], true, false, false); // (batch, Tv, value features)
        INDArray scoresGradient = AttentionWeights.softmaxBackward(weights, weightsGradient, keep);
        Gradient parameters = new DefaultGradient();
        INDArray[] queryAndKey = scoresBackward(query, key, scoresGradient, parameters);
        keepTotalOutputGradient(weightsGradient);
        return new Pair<>(parameters, inputGradients(queryAndKey[0], valueGradient, queryAndKey[1]));
    }

    /**
     * @param scoresGradient (batch, Tq, Tv)
     * @param parameters receives the gradients of {@code scale} and {@code concat_score_weight}
     * @return the gradients with respect to the query and the key
     */
    private INDArray[] scoresBackward(INDArray query, INDArray key, INDArray scoresGradient, Gradient parameters) {
        boolean scaled = scored.scaleCount() > 0;
        if (scored.getScore() == AttentionScore.DOT) {
            double scale = scaled ? parameter("scale").getDouble(0) : 1.0;
            if (scaled) {
                INDArray products = batchedProduct(query, key, true);
                parameters.setGradientFor("scale", products.muli(scoresGradient).sum().reshape(1));
            }
            return new INDArray[] {batchedProduct(scoresGradient, key, false).muli(scale),
                Nd4j.matmul(scoresGradient, query, true, false, false).muli(scale)};
        }
        long batch = query.size(0);
        long querySteps = query.size(1);
        long keySteps = key.size(1);
        long features = query.size(2);
        long[] pairShape = {batch, querySteps, keySteps, features};
        INDArray sums = query.reshape(batch, querySteps, 1, features).broadcast(pairShape)
                .add(key.reshape(batch, 1, keySteps, features).broadcast(pairShape))
                .reshape('c', batch * querySteps * keySteps, features);
        INDArray pairGradient = scoresGradient.dup('c').reshape('c', sums.size(0), 1); // one per pair of steps
        INDArray tanhGradient = Nd4j.ones(dataType, sums.shape()).muliColumnVector(pairGradient);
        INDArray tanh;
        double sumScale = 1.0;
        if (scored.getScore() == AttentionScore.ADDITIVE) {
            tanh = Transforms.tanh(sums, true);
            if (scaled) {
                parameters.setGradientFor("scale", tanh.mulColumnVector(pairGradient).sum(0));
                tanhGradient.muliRowVector(parameter("scale"));
            }
        } else {
            sumScale = scaled ? parameter("scale").getDouble(0) : 1.0;
            tanh = Transforms.tanh(sums.mul(sumScale), false);
            double weight = parameter("concat_score_weight").getDouble(0);
            INDArray weightGradient = tanh.sum(1).reshape(pairGradient.shape()).muli(pairGradient).sum().reshape(1);
            tanhGradient.muli(weight);
            if (scaled) {
                INDArray preActivation = tanhGradient.mul(tanh.mul(tanh).rsubi(1.0));
                parameters.setGradientFor("scale", preActivation.mul(sums).sum().reshape(1));
            }
            parameters.setGradientFor("concat_score_weight", weightGradient);
        }
        // tanh' = 1 - tanh^2; the sum q + k was scaled by sumScale before the tanh
        INDArray sumGradient = tanhGradient.muli(tanh.mul(tanh).rsubi(1.0)).muli(sumScale)
                .reshape('c', pairShape);
        return new INDArray[] {sumGradient.sum(2), sumGradient.sum(1)};
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
