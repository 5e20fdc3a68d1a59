package org.kinspect.graph.convolution;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras's {@code DepthwiseConv1D}: each input channel convolved with its own
 * {@code depth_multiplier} kernels, output channel {@code c * depth_multiplier + m} as in Keras.
 * The kernel {@code depthwise_kernel} is Keras's {@code (k, channels, multiplier)} as
 * {@code [k, 1, channels, multiplier]}.
 *
 * <pre>{@code
 * DepthwiseConvolution1D layer = new DepthwiseConvolution1D();
 * layer.setKernel(3);
 * layer.setDepthMultiplier(2);
 * }</pre>
 */
public class DepthwiseConvolution1D extends SequenceConvolution {
    public static final String DEPTHWISE_KERNEL = "depthwise_kernel";

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(DEPTHWISE_KERNEL, getKernel(), 1, getInputChannels(), getDepthMultiplier());
        if (isHasBias()) {
            params.addBiasParam(BIAS, getInputChannels() * getDepthMultiplier());
        }
    }

    @Override
    protected SDVariable defineOnImage(SameDiff sameDiff, SDVariable image, Map<String, SDVariable> parameters,
            String dataFormat) {
        return sameDiff.cnn().depthWiseConv2d(image, parameters.get(DEPTHWISE_KERNEL), parameters.get(BIAS),
                imageWindow(dataFormat));
    }

    @Override
    protected long outputLength(long inputLength) {
        return convolvedLength(inputLength);
    }
}
