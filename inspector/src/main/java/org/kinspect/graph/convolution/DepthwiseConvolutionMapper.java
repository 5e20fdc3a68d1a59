package org.kinspect.graph.convolution;

import static org.deeplearning4j.nn.modelimport.keras.layers.convolutional.KerasConvolutionUtils.getConvolutionModeFromConfig;
import static org.deeplearning4j.nn.modelimport.keras.layers.convolutional.KerasConvolutionUtils.getDilationRate;
import static org.deeplearning4j.nn.modelimport.keras.layers.convolutional.KerasConvolutionUtils.getKernelSizeFromConfig;
import static org.deeplearning4j.nn.modelimport.keras.layers.convolutional.KerasConvolutionUtils.getPaddingFromBorderModeConfig;
import static org.deeplearning4j.nn.modelimport.keras.layers.convolutional.KerasConvolutionUtils.getStrideFromConfig;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasActivationUtils;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps Keras's {@code DepthwiseConv2D} to DL4J's {@link DepthwiseConvolution2D}. DL4J's own mapper
 * looks for the input's channel count among the layers before it when the layer is read, before
 * their output types are known, and fails ("Index 0 out of bounds"); here the DL4J layer is made
 * once the input type is known. Keras's {@code depthwise_kernel (kh, kw, channels, multiplier)} is
 * DL4J's weight layout as it is.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer(DepthwiseConvolutionMapper.CLASS_NAME, DepthwiseConvolutionMapper.class);
 * }</pre>
 */
public class DepthwiseConvolutionMapper extends KerasLayer {
    /** The class name DepthwiseConv2D layers are given, so that DL4J uses this mapper (see OverriddenMappers). */
    public static final String CLASS_NAME = "kinspect.DepthwiseConv2D";
    private static final String DEPTHWISE_KERNEL = "depthwise_kernel";
    private final int[] kernel;
    private final int[] stride;
    private final int[] dilation;
    private final int[] padding;
    private final ConvolutionMode mode;
    private final int depthMultiplier;
    private final boolean hasBias;
    private final IActivation activation;
    private final CNN2DFormat format;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for options DL4J does not have
     */
    public DepthwiseConvolutionMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> inner = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        this.kernel = getKernelSizeFromConfig(layerConfig, 2, conf, kerasMajorVersion);
        this.stride = getStrideFromConfig(layerConfig, 2, conf);
        this.dilation = getDilationRate(layerConfig, 2, conf, false);
        this.padding = getPaddingFromBorderModeConfig(layerConfig, 2, conf, kerasMajorVersion);
        this.mode = getConvolutionModeFromConfig(layerConfig, conf);
        this.depthMultiplier = inner.get("depth_multiplier") instanceof Number number ? number.intValue() : 1;
        this.hasBias = KerasLayerUtils.getHasBiasFromConfig(layerConfig, conf);
        this.activation = KerasActivationUtils.getIActivationFromConfig(layerConfig, conf);
        this.format = "channels_first".equals(inner.get("data_format")) ? CNN2DFormat.NCHW : CNN2DFormat.NHWC;
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1 || !(inputType[0] instanceof InputType.InputTypeConvolutional image)) {
            throw new InvalidKerasConfigurationException("DepthwiseConv2D '" + layerName + "' takes one image");
        }
        if (layer == null) {
            DepthwiseConvolution2D.Builder builder = new DepthwiseConvolution2D.Builder().name(layerName)
                    .nIn(image.getChannels()).nOut(image.getChannels() * depthMultiplier)
                    .depthMultiplier(depthMultiplier).activation(activation).convolutionMode(mode)
                    .kernelSize(kernel).stride(stride).hasBias(hasBias).dataFormat(format);
            if (padding != null) {
                builder.padding(padding);
            }
            if (dilation != null) {
                builder.dilation(dilation);
            }
            layer = builder.build();
        }
        return layer.getOutputType(-1, inputType[0]);
    }

    /** @return Keras's class name, for messages */
    @Override
    public String getClassName() {
        return "DepthwiseConv2D";
    }

    @Override
    public int getNumParams() {
        return hasBias ? 2 : 1;
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) throws InvalidKerasConfigurationException {
        this.weights = new HashMap<>();
        // Keras 3's .h5 names it "kernel"
        INDArray kernelWeights = weights.getOrDefault(DEPTHWISE_KERNEL, weights.get("kernel"));
        if (kernelWeights == null) {
            throw new InvalidKerasConfigurationException("DepthwiseConv2D '" + layerName + "' has no " + DEPTHWISE_KERNEL);
        }
        this.weights.put(DepthwiseConvolutionParamInitializer.WEIGHT_KEY, kernelWeights);
        if (hasBias) {
            INDArray bias = weights.get("bias");
            if (bias == null) {
                throw new InvalidKerasConfigurationException("DepthwiseConv2D '" + layerName + "' has no bias");
            }
            this.weights.put(DepthwiseConvolutionParamInitializer.BIAS_KEY, bias);
        }
    }
}
