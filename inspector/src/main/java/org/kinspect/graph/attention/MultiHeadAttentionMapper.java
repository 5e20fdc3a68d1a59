package org.kinspect.graph.attention;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.config.AttentionCall;
import org.kinspect.graph.base.UnsupportedLayerOption;

/**
 * Maps Keras's {@code MultiHeadAttention}, which DL4J's importer does not know, to a
 * {@link MultiHeadAttentionVertex}: attention over the steps of sequences, with or without biases,
 * projected back to the query's features (or to a one-axis {@code output_shape}). Options that change
 * that ({@code attention_axes} other than the steps, {@code use_gate}, {@code sliding_window}, an
 * {@code output_shape} of several axes) are refused.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("MultiHeadAttention", MultiHeadAttentionMapper.class);
 * }</pre>
 */
public class MultiHeadAttentionMapper extends AttentionLayerMapper {

    /**
     * @param layerConfig the Keras layer, normalised (its call in {@link AttentionCall})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException naming the layer, for what kinspect does not compute
     *     (options, masked inputs Keras reads, a configuration Keras 1 or 2 wrote)
     */
    public MultiHeadAttentionMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig);
        AttentionLayerConfig config = AttentionLayerConfig.of(layerConfig);
        config.requireUnset("attention_axes", List.of(1), 1);
        config.requireUnset("use_gate", false);
        config.requireUnset("sliding_window");
        int heads = config.positiveInteger("num_heads");
        int keySize = config.positiveInteger("key_dim");
        int valueSize = config.config().get("value_dim") == null ? keySize : config.positiveInteger("value_dim");
        boolean useBias = config.flag("use_bias", true);
        MultiHeadAttentionVertex attention = new MultiHeadAttentionVertex(config.layerName(), config.call(), heads,
                keySize, valueSize, useBias);
        attention.setOutputFeatures(outputFeatures(config));
        InputMasks.apply(config, attention);
        useVertex(attention, useBias ? 8 : 4);
    }

    /** @return the features of Keras's {@code output_shape}, or 0 for the query's (Keras's default) */
    private static long outputFeatures(AttentionLayerConfig config) throws UnsupportedLayerOption {
        Object shape = config.config().get("output_shape");
        if (shape == null) {
            return 0;
        }
        if (shape instanceof Number size && size.longValue() > 0) {
            return size.longValue();
        }
        if (shape instanceof List<?> sizes && sizes.size() == 1 && sizes.get(0) instanceof Number size
                && size.longValue() > 0) {
            return size.longValue();
        }
        throw config.refused("its output_shape " + shape + " has several axes, which is not supported yet");
    }
}
