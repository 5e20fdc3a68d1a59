package org.kinspect.graph.convolution;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * Keras's {@code SeparableConv1D}: a depthwise convolution ({@link DepthwiseConvolution1D},
 * without bias) followed by a pointwise one mixing its channels into {@code filters}, then the
 * bias. Kernels: Keras's {@code depthwise_kernel (k, channels, multiplier)} as
 * {@code [k, 1, channels, multiplier]} and {@code pointwise_kernel (1, channels * multiplier,
 * filters)} as {@code [1, 1, channels * multiplier, filters]}.
 *
 * <pre>{@code
 * SeparableConvolution1D layer = new SeparableConvolution1D();
 * layer.setKernel(3);
 * layer.setOutputChannels(4);
 * }</pre>
 */
public class SeparableConvolution1D extends SequenceConvolution {
    public static final String DEPTHWISE_KERNEL = "depthwise_kernel";
    public static final String POINTWISE_KERNEL = "pointwise_kernel";

    @Override
    public void defineParameters(SDLayerParams params) {
        long depthwiseChannels = getInputChannels() * getDepthMultiplier();
        params.addWeightParam(DEPTHWISE_KERNEL, getKernel(), 1, getInputChannels(), getDepthMultiplier());
        params.addWeightParam(POINTWISE_KERNEL, 1, 1, depthwiseChannels, getOutputChannels());
        if (isHasBias()) {
            params.addBiasParam(BIAS, getOutputChannels());
        }
    }

    @Override
    protected SDVariable defineOnImage(SameDiff sameDiff, SDVariable image, Map<String, SDVariable> parameters,
            String dataFormat) {
        SDVariable depthwise = sameDiff.cnn().depthWiseConv2d(image, parameters.get(DEPTHWISE_KERNEL),
                imageWindow(dataFormat));
        Conv2DConfig pointwise = Conv2DConfig.builder().kH(1).kW(1).sH(1).sW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(dataFormat).build();
        SDVariable bias = parameters.get(BIAS);
        return bias == null ? sameDiff.cnn().conv2d(depthwise, parameters.get(POINTWISE_KERNEL), pointwise)
                : sameDiff.cnn().conv2d(depthwise, parameters.get(POINTWISE_KERNEL), bias, pointwise);
    }

    @Override
    protected long outputLength(long inputLength) {
        return convolvedLength(inputLength);
    }
}
