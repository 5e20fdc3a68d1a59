package org.kinspect.gradients;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.graph.vertex.impl.MergeVertex;
import org.deeplearning4j.nn.layers.convolution.Convolution1DLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.kinspect.errors.KinspectException;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One vertex's backward pass as Keras's {@code training=False} gives it. DL4J's backward passes
 * assume training: they draw dropout again, and BatchNormalization differentiates through the
 * batch's own mean and variance. Here dropout is switched off first (inference never applies it,
 * so the model's outputs do not change), and BatchNormalization is differentiated through its
 * moving statistics: {@code y = gamma (x - mean) / sqrt(var + eps) + beta}. A Concatenate of
 * sequences or images goes through {@link ConcatenationBackward}, DL4J's failing on Keras's axis -1.
 * Two more of DL4J's backward passes are wrong in 1.0.0-M2.1 and replaced: Conv1D's fails on
 * channels-last sequences ({@link Convolution1DBackward}), and every SameDiff layer's comes out
 * doubled ({@link SameDiffBackward}).
 */
final class InferenceBackward {
    private InferenceBackward() {
    }

    /**
     * @param vertex a vertex that ran forward in inference mode and still holds its inputs
     * @param epsilon the gradient of the target with respect to its output, DL4J's layout
     * @param workspaces DL4J's workspaces (none)
     * @return its parameter gradients (DL4J's names and layout) and the gradient for each input
     */
    static Pair<Gradient, INDArray[]> of(GraphVertex vertex, INDArray epsilon, LayerWorkspaceMgr workspaces) {
        vertex.setEpsilon(epsilon);
        if (vertex instanceof LayerVertex layerVertex) {
            switchOffDropout(layerVertex.getLayer().conf().getLayer());
            Pair<Gradient, INDArray> replaced = replacedBackward(layerVertex.getLayer(), epsilon);
            if (replaced != null) {
                INDArray inputGradient = replaced.getSecond();
                if (layerVertex.getLayerPreProcessor() != null) {
                    inputGradient = layerVertex.getLayerPreProcessor().backprop(inputGradient,
                            (int) inputGradient.size(0), workspaces);
                }
                return new Pair<>(replaced.getFirst(), new INDArray[] {inputGradient});
            }
        }
        if (vertex instanceof MergeVertex && epsilon.rank() > 2) {
            return ConcatenationBackward.of(vertex, epsilon);
        }
        return vertex.doBackward(false, workspaces);
    }

    /** @return kinspect's backward pass for a layer whose DL4J one is wrong here, or null to use DL4J's */
    private static Pair<Gradient, INDArray> replacedBackward(org.deeplearning4j.nn.api.Layer layer, INDArray epsilon) {
        if (layer instanceof BatchNormalization normalization) {
            return new Pair<>(normalizationParameters(normalization, epsilon), batchNormalization(normalization, epsilon));
        }
        if (layer instanceof Convolution1DLayer convolution) {
            return Convolution1DBackward.of(convolution, epsilon);
        }
        if (layer instanceof SameDiffLayer sameDiff) {
            return SameDiffBackward.of(sameDiff, epsilon);
        }
        return null;
    }

    private static void switchOffDropout(Layer layer) {
        if (layer == null) {
            return;
        }
        layer.setIDropout(null);
        if (layer instanceof BaseWrapperLayer wrapper) {
            switchOffDropout(wrapper.getUnderlying());
        }
        if (layer instanceof Bidirectional both) {
            switchOffDropout(both.getFwd());
            switchOffDropout(both.getBwd());
        }
    }

    /** The per-channel values of a normalization parameter, shaped to broadcast over its input. */
    private static INDArray perChannel(INDArray values, INDArray input, int channelAxis) {
        long[] shape = new long[input.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[channelAxis] = input.size(channelAxis);
        return values.reshape(shape);
    }

    private static int channelAxis(BatchNormalization layer, INDArray input) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer();
        if (input.rank() == 2) {
            return 1;
        }
        if (input.rank() == 4) {
            return conf.getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
        }
        throw KinspectException.unsupported("kinspect has no checked inference-mode gradient for"
                + " BatchNormalization on rank-" + input.rank() + " inputs; refused rather than given wrong");
    }

    private static INDArray standardDeviation(BatchNormalization layer) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer();
        if (layer.paramTable().containsKey("log10stdev")) {
            // DL4J keeps log10 of sqrt(var + eps) when it uses log standard deviations
            return Transforms.exp(layer.getParam("log10stdev").mul(Math.log(10)), false);
        }
        return Transforms.sqrt(layer.getParam("var").add(conf.getEps()), false);
    }

    private static INDArray gamma(BatchNormalization layer) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer();
        return conf.isLockGammaBeta() ? layer.getParam("mean").like().assign(conf.getGamma()) : layer.getParam("gamma");
    }

    private static INDArray batchNormalization(BatchNormalization layer, INDArray epsilon) {
        INDArray input = layer.getInput();
        int axis = channelAxis(layer, input);
        INDArray scale = perChannel(gamma(layer).div(standardDeviation(layer)), input, axis);
        return epsilon.mul(scale);
    }

    private static Gradient normalizationParameters(BatchNormalization layer, INDArray epsilon) {
        Gradient gradient = new DefaultGradient();
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer();
        if (conf.isLockGammaBeta()) {
            return gradient;
        }
        INDArray input = layer.getInput();
        int axis = channelAxis(layer, input);
        INDArray normalized = input.sub(perChannel(layer.getParam("mean"), input, axis))
                .div(perChannel(standardDeviation(layer), input, axis));
        int[] others = java.util.stream.IntStream.range(0, input.rank()).filter(a -> a != axis).toArray();
        INDArray gammaShape = layer.getParam("gamma");
        gradient.setGradientFor("gamma", epsilon.mul(normalized).sum(others).reshape(gammaShape.shape()));
        gradient.setGradientFor("beta", epsilon.sum(others).reshape(layer.getParam("beta").shape()));
        return gradient;
    }
}
