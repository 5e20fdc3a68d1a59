package org.kinspect.graph.convolution;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.SeparableConvolution2DLayer;
import org.deeplearning4j.nn.params.SeparableConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The running {@link SeparableConvolutionAnyChannels}: DL4J's layer, except on one input channel,
 * where a depthwise convolution with multiplier {@code m} is an ordinary convolution to {@code m}
 * channels, so it runs as two {@code conv2d} ops (that convolution, then the pointwise one with
 * the bias) instead of DL4J's {@code sconv2d}, which fails on one channel.
 *
 * <pre>{@code
 * // made by SeparableConvolutionAnyChannels.instantiate, as DL4J makes its layers
 * }</pre>
 */
public class SeparableConvolutionAnyChannelsLayer extends SeparableConvolution2DLayer {

    /**
     * @param conf the layer's configuration
     * @param dataType the network's data type
     */
    public SeparableConvolutionAnyChannelsLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaces) {
        INDArray depthwise = getParamWithNoise(SeparableConvolutionParamInitializer.DEPTH_WISE_WEIGHT_KEY, training,
                workspaces);
        if (depthwise.size(1) != 1) {
            return super.preOutput(training, forBackprop, workspaces);
        }
        assertInputSet(false);
        INDArray pointwise = getParamWithNoise(SeparableConvolutionParamInitializer.POINT_WISE_WEIGHT_KEY, training,
                workspaces);
        INDArray bias = layerConf().hasBias()
                ? getParamWithNoise(SeparableConvolutionParamInitializer.BIAS_KEY, training, workspaces)
                : null;
        String format = layerConf().getCnn2dDataFormat() == CNN2DFormat.NHWC ? "NHWC" : "NCHW";
        int[] kernel = layerConf().getKernelSize();
        int[] stride = layerConf().getStride();
        int[] dilation = layerConf().getDilation();
        int[] padding = layerConf().getPadding();
        Conv2DConfig window = Conv2DConfig.builder().kH(kernel[0]).kW(kernel[1]).sH(stride[0]).sW(stride[1])
                .dH(dilation[0]).dW(dilation[1]).pH(padding[0]).pW(padding[1])
                .paddingMode(convolutionMode == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat(format).build();
        Conv2DConfig pointwiseWindow = Conv2DConfig.builder().kH(1).kW(1).sH(1).sW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(format).build();
        INDArray input = this.input.castTo(dataType);
        // DL4J's weights: depthwise [multiplier, 1, kH, kW], pointwise [filters, multiplier, 1, 1];
        // conv2d's: [kH, kW, in, out]
        INDArray spread = Nd4j.cnn().conv2d(input, depthwise.permute(2, 3, 1, 0), window);
        INDArray mixed = bias == null
                ? Nd4j.cnn().conv2d(spread, pointwise.permute(2, 3, 1, 0), pointwiseWindow)
                : Nd4j.cnn().conv2d(spread, pointwise.permute(2, 3, 1, 0), bias, pointwiseWindow);
        return new Pair<>(workspaces.leverageTo(ArrayType.ACTIVATIONS, mixed), null);
    }
}
