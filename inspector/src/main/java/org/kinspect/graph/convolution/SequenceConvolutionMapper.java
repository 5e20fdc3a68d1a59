package org.kinspect.graph.convolution;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasActivationUtils;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.SameDiffLayerMapper;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps Keras's {@code DepthwiseConv1D}, {@code SeparableConv1D} and {@code Conv1DTranspose},
 * which DL4J's importer does not know, to {@link DepthwiseConvolution1D},
 * {@link SeparableConvolution1D} and {@link TransposedConvolution1D}. The DL4J layer is made once
 * the input's channel count is known. Options kinspect does not compute are refused, naming the
 * layer: {@code channels_first}, {@code causal} padding, {@code output_padding}, a transposed
 * dilation, and activations that are not element-wise or differ between Keras 2 and 3
 * ({@code softmax}, {@code hard_sigmoid}).
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("DepthwiseConv1D", SequenceConvolutionMapper.class);
 * }</pre>
 */
public class SequenceConvolutionMapper extends SameDiffLayerMapper {
    private final int kernel;
    private final int stride;
    private final int dilation;
    private final boolean same;
    private final boolean hasBias;
    private final int depthMultiplier;
    private final int filters;
    private final Activation activation;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for the options listed above
     */
    public SequenceConvolutionMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig);
        Map<String, Object> inner = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        this.kernel = single(inner.get("kernel_size"), "kernel_size");
        this.stride = single(inner.getOrDefault("strides", 1), "strides");
        this.dilation = single(inner.getOrDefault("dilation_rate", 1), "dilation_rate");
        this.hasBias = !Boolean.FALSE.equals(inner.get("use_bias"));
        this.depthMultiplier = inner.get("depth_multiplier") instanceof Number number ? number.intValue() : 1;
        this.filters = inner.get("filters") instanceof Number number ? number.intValue() : 0;
        String padding = String.valueOf(inner.getOrDefault("padding", "valid"));
        if (!padding.equals("same") && !padding.equals("valid")) {
            throw unsupported("padding='" + padding + "'");
        }
        this.same = padding.equals("same");
        if ("channels_first".equals(inner.get("data_format"))) {
            throw unsupported("data_format='channels_first'");
        }
        if (className.equals("Conv1DTranspose")) {
            if (inner.get("output_padding") != null) {
                throw unsupported("output_padding=" + inner.get("output_padding"));
            }
            if (dilation != 1) {
                throw unsupported("dilation_rate=" + dilation);
            }
            if (!same && kernel < stride) {
                throw unsupported("padding='valid' with a kernel shorter than the stride");
            }
        }
        this.activation = KerasActivationUtils.getActivationFromConfig(layerConfig, conf);
        if (!ElementWiseActivations.SUPPORTED.contains(activation)) {
            throw unsupported("activation " + inner.get("activation"));
        }
    }

    private UnsupportedKerasConfigurationException unsupported(String option) {
        return new UnsupportedKerasConfigurationException(className + " '" + layerName + "': " + option
                + " is not supported");
    }

    private int single(Object configured, String field) throws UnsupportedKerasConfigurationException {
        Object value = configured instanceof List<?> list && list.size() == 1 ? list.get(0) : configured;
        if (!(value instanceof Number number)) {
            throw unsupported(field + "=" + configured);
        }
        return number.intValue();
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1 || !(inputType[0] instanceof InputType.InputTypeRecurrent sequence)) {
            throw new InvalidKerasConfigurationException(className + " '" + layerName + "' takes one sequence");
        }
        if (layer == null) {
            layer = build(sequence.getSize());
        }
        return layer.getOutputType(-1, inputType[0]);
    }

    private SequenceConvolution build(long inputChannels) {
        SequenceConvolution convolution = switch (className) {
            case "DepthwiseConv1D" -> new DepthwiseConvolution1D();
            case "SeparableConv1D" -> new SeparableConvolution1D();
            default -> new TransposedConvolution1D();
        };
        convolution.setLayerName(layerName);
        convolution.setInputChannels(inputChannels);
        convolution.setOutputChannels(className.equals("DepthwiseConv1D") ? inputChannels * depthMultiplier : filters);
        convolution.setKernel(kernel);
        convolution.setStride(stride);
        convolution.setDilation(dilation);
        convolution.setSame(same);
        convolution.setHasBias(hasBias);
        convolution.setDepthMultiplier(depthMultiplier);
        convolution.setActivation(activation);
        return convolution;
    }

    @Override
    public int getNumParams() {
        return (className.equals("SeparableConv1D") ? 2 : 1) + (hasBias ? 1 : 0);
    }

    @Override
    protected INDArray kerasWeight(String parameter, Map<String, INDArray> weights) {
        INDArray value = weights.get(parameter);
        if (value == null && className.equals("DepthwiseConv1D")) {
            return weights.get("kernel"); // Keras 3's .h5 name of the depthwise kernel
        }
        return value;
    }
}
