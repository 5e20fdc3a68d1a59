package org.kinspect.graph.convolution;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasActivationUtils;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.base.SameDiffLayerMapper;
import org.nd4j.linalg.activations.Activation;

/**
 * Maps Keras's {@code ConvLSTM2D}, which DL4J's importer does not know, to
 * {@link ConvolutionalLstm}; {@code hard_sigmoid} (tf.keras's default recurrent activation) as
 * the Keras that wrote the file defines it ({@link RecurrentLayerHints} tells which). Refused,
 * naming the layer: {@code return_state}, {@code stateful}, and activations that are not
 * element-wise.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("ConvLSTM2D", ConvolutionalLstmMapper.class);
 * }</pre>
 */
public class ConvolutionalLstmMapper extends SameDiffLayerMapper {
    private final ConvolutionalLstm lstm = new ConvolutionalLstm();

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @param lstmConfig the ConvLSTM2D's own configuration (a wrapper's is in {@code layerConfig})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for the options listed above
     */
    protected ConvolutionalLstmMapper(Map<String, Object> layerConfig, Map<String, Object> lstmConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig);
        configure(lstmConfig);
    }

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for the options listed above
     */
    public ConvolutionalLstmMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig);
        configure(KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf));
    }

    private void configure(Map<String, Object> inner) throws UnsupportedKerasConfigurationException {
        for (String option : List.of("return_state", "stateful")) {
            if (Boolean.TRUE.equals(inner.get(option))) {
                throw unsupported(option + "=True");
            }
        }
        String padding = String.valueOf(inner.getOrDefault("padding", "valid"));
        if (!padding.equals("same") && !padding.equals("valid")) {
            throw unsupported("padding='" + padding + "'");
        }
        lstm.setLayerName(layerName);
        lstm.setChannelsFirst("channels_first".equals(inner.get("data_format")));
        lstm.setFilters(((Number) inner.get("filters")).intValue());
        lstm.setKernel(pair(inner.get("kernel_size"), "kernel_size"));
        lstm.setStride(pair(inner.getOrDefault("strides", 1), "strides"));
        lstm.setDilation(pair(inner.getOrDefault("dilation_rate", 1), "dilation_rate"));
        lstm.setSame(padding.equals("same"));
        lstm.setHasBias(!Boolean.FALSE.equals(inner.get("use_bias")));
        lstm.setReturnSequences(Boolean.TRUE.equals(inner.get("return_sequences")));
        lstm.setGoBackwards(Boolean.TRUE.equals(inner.get("go_backwards")));
        lstm.setActivation(elementWise(inner.getOrDefault("activation", "tanh"), "activation"));
        lstm.setKeras3(ImportHints.current().kerasMajorVersion(kerasMajorVersion) >= 3);
        lstm.setRecurrentActivation(elementWise(inner.getOrDefault("recurrent_activation", "sigmoid"),
                "recurrent_activation"));
    }

    private Activation elementWise(Object configured, String field) throws UnsupportedKerasConfigurationException {
        Object name = configured instanceof Map<?, ?> serialised ? serialised.get("config") : configured;
        Activation activation;
        try {
            activation = KerasActivationUtils.mapToActivation(String.valueOf(name), conf);
        } catch (UnsupportedKerasConfigurationException e) {
            throw unsupported(field + " '" + name + "'");
        }
        if (!ElementWiseActivations.SUPPORTED.contains(activation) && activation != Activation.HARDSIGMOID) {
            throw unsupported(field + " '" + name + "'");
        }
        return activation;
    }

    private int[] pair(Object configured, String field) throws UnsupportedKerasConfigurationException {
        if (configured instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number first
                && list.get(1) instanceof Number second) {
            return new int[] {first.intValue(), second.intValue()};
        }
        if (configured instanceof Number both) {
            return new int[] {both.intValue(), both.intValue()};
        }
        throw unsupported(field + "=" + configured);
    }

    private UnsupportedKerasConfigurationException unsupported(String option) {
        return new UnsupportedKerasConfigurationException("ConvLSTM2D '" + layerName + "': " + option
                + " is not supported");
    }

    /** @return the layer this mapper configures */
    protected ConvolutionalLstm convolutionalLstm() {
        return lstm;
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws InvalidKerasConfigurationException {
        if (inputType.length != 1) {
            throw new InvalidKerasConfigurationException("ConvLSTM2D '" + layerName + "' takes one input");
        }
        try {
            if (layer == null) {
                lstm.setNIn(inputType[0], true);
                layer = lstm;
            }
            return layer.getOutputType(-1, inputType[0]);
        } catch (IllegalStateException e) {
            throw new InvalidKerasConfigurationException(e.getMessage());
        }
    }

    @Override
    public int getNumParams() {
        return (lstm.isHasBias() ? 3 : 2) * (lstm.getMergeMode() == null ? 1 : 2);
    }
}
