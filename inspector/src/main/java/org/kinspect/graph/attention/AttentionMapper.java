package org.kinspect.graph.attention;

import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.config.AttentionCall;

/**
 * Maps Keras's {@code Attention} (score_mode {@code dot} or {@code concat}, with or without
 * {@code use_scale}) and {@code AdditiveAttention}, which DL4J's importer does not know, to a
 * {@link ScoredAttentionVertex}. Dropout is off at inference, so any {@code dropout} is accepted.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("Attention", AttentionMapper.class);
 * KerasLayer.registerCustomLayer("AdditiveAttention", AttentionMapper.class);
 * }</pre>
 */
public class AttentionMapper extends AttentionLayerMapper {

    /**
     * @param layerConfig the Keras layer, normalised (its call in {@link AttentionCall})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException naming the layer, for what kinspect does not compute
     *     (options, masked inputs Keras reads, a configuration Keras 1 or 2 wrote)
     */
    public AttentionMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig);
        AttentionLayerConfig config = AttentionLayerConfig.of(layerConfig);
        boolean additive = config.className().equals("AdditiveAttention");
        boolean useScale = config.flag("use_scale", additive);
        AttentionScore score;
        if (additive) {
            score = AttentionScore.ADDITIVE;
        } else {
            Object mode = config.config().getOrDefault("score_mode", "dot");
            score = switch (String.valueOf(mode)) {
                case "dot" -> AttentionScore.DOT;
                case "concat" -> AttentionScore.CONCAT;
                default -> throw config.refused("its score_mode " + mode + " is not dot or concat");
            };
        }
        AttentionCall call = config.call();
        if (config.flag("causal", false)) {
            // tf.keras 2's deprecated config field for what Keras 3 passes as use_causal_mask
            call = call.causal();
        }
        AttentionVertex attention = new ScoredAttentionVertex(config.layerName(), call, score, useScale);
        InputMasks.apply(config, attention);
        useVertex(attention, (useScale ? 1 : 0) + (score == AttentionScore.CONCAT ? 1 : 0));
    }
}
