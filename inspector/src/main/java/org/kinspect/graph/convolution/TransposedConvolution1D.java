package org.kinspect.graph.convolution;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/**
 * Keras's {@code Conv1DTranspose} (without {@code output_padding} or dilation): the 2D transposed
 * convolution of the sequence as an image one column wide. Keras's {@code kernel
 * (k, filters, channels)} is {@code [k, 1, filters, channels]}, the layout of nd4j's
 * {@code deconv2d}. Output length: {@code steps * stride} for {@code same},
 * {@code (steps - 1) * stride + k} for {@code valid} (Keras's, for {@code k >= stride}).
 *
 * <pre>{@code
 * TransposedConvolution1D layer = new TransposedConvolution1D();
 * layer.setKernel(3);
 * layer.setStride(2);
 * }</pre>
 */
public class TransposedConvolution1D extends SequenceConvolution {
    public static final String KERNEL = "kernel";

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(KERNEL, getKernel(), 1, getOutputChannels(), getInputChannels());
        if (isHasBias()) {
            params.addBiasParam(BIAS, getOutputChannels());
        }
    }

    @Override
    protected SDVariable defineOnImage(SameDiff sameDiff, SDVariable image, Map<String, SDVariable> parameters,
            String dataFormat) {
        DeConv2DConfig window = DeConv2DConfig.builder().kH(getKernel()).kW(1).sH(getStride()).sW(1).dH(1).dW(1)
                .isSameMode(isSame()).dataFormat(dataFormat).build();
        SDVariable bias = parameters.get(BIAS);
        return bias == null ? sameDiff.cnn().deconv2d(image, parameters.get(KERNEL), window)
                : sameDiff.cnn().deconv2d(image, parameters.get(KERNEL), bias, window);
    }

    @Override
    protected long outputLength(long inputLength) {
        if (inputLength < 0) {
            return -1;
        }
        return isSame() ? inputLength * getStride() : (inputLength - 1) * getStride() + getKernel();
    }
}
