package org.kinspect.graph.convolution;

import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;

/**
 * Maps Keras's {@code Bidirectional} around a {@code ConvLSTM2D} to one {@link ConvolutionalLstm}
 * running both directions ({@code concat}, {@code sum}, {@code mul} or {@code ave} merge). DL4J's
 * importer maps {@code Bidirectional} itself before it looks at registered layers, so such
 * wrappers reach this mapper under {@value #CLASS_NAME}. Refused, naming the layer: a
 * {@code backward_layer} other than the wrapped layer run the other way, {@code merge_mode=None},
 * a wrapped layer with {@code go_backwards=True}.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer(BidirectionalConvolutionalLstmMapper.CLASS_NAME,
 *         BidirectionalConvolutionalLstmMapper.class);
 * }</pre>
 */
public class BidirectionalConvolutionalLstmMapper extends ConvolutionalLstmMapper {
    /** The class name a Bidirectional around a ConvLSTM2D is given (see OverriddenMappers). */
    public static final String CLASS_NAME = "kinspect.BidirectionalConvLSTM2D";
    private static final Set<String> MERGE_MODES = Set.of("concat", "sum", "mul", "ave");

    /**
     * @param layerConfig the Keras Bidirectional ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for the options listed above and the ConvLSTM2D's
     */
    public BidirectionalConvolutionalLstmMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, wrappedConfig(layerConfig));
        Map<String, Object> config = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        Object mergeMode = config.getOrDefault("merge_mode", "concat");
        String unsupported = !isDefaultBackwardLayer(config) ? "a backward_layer other than the layer run backwards"
                : !MERGE_MODES.contains(String.valueOf(mergeMode)) ? "merge_mode=" + mergeMode
                // Keras 3 cannot rebuild such a wrapper, so kinspect has nothing to check its numbers against
                : convolutionalLstm().isGoBackwards() ? "a ConvLSTM2D with go_backwards=True" : null;
        if (unsupported != null) {
            throw new UnsupportedKerasConfigurationException("Bidirectional '" + layerName + "': " + unsupported
                    + " is not supported");
        }
        convolutionalLstm().setMergeMode(String.valueOf(mergeMode));
    }

    /**
     * Keras 3 writes the backward layer it made itself: the wrapped layer's configuration with
     * another name and the other direction.
     */
    private static boolean isDefaultBackwardLayer(Map<String, Object> config) {
        if (config.get("backward_layer") == null) {
            return true;
        }
        if (!(config.get("backward_layer") instanceof Map<?, ?> backward && backward.get("config") instanceof Map<?, ?> backwardConfig
                && config.get("layer") instanceof Map<?, ?> forward && forward.get("config") instanceof Map<?, ?> forwardConfig
                && java.util.Objects.equals(backward.get("class_name"), forward.get("class_name")))) {
            return false;
        }
        Map<Object, Object> backwardRest = new java.util.HashMap<>(backwardConfig);
        Map<Object, Object> forwardRest = new java.util.HashMap<>(forwardConfig);
        boolean opposite = !Boolean.TRUE.equals(backwardRest.remove("go_backwards"))
                == Boolean.TRUE.equals(forwardRest.remove("go_backwards"));
        backwardRest.remove("name");
        forwardRest.remove("name");
        return opposite && backwardRest.equals(forwardRest);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> wrappedConfig(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException {
        if (layerConfig.get("config") instanceof Map<?, ?> config && config.get("layer") instanceof Map<?, ?> layer
                && layer.get("config") instanceof Map<?, ?> wrapped) {
            return (Map<String, Object>) wrapped;
        }
        throw new InvalidKerasConfigurationException("Bidirectional without a wrapped layer: " + layerConfig);
    }

    /** @return Keras's class name, for messages */
    @Override
    public String getClassName() {
        return "Bidirectional";
    }
}
