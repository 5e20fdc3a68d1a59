package org.kinspect.graph.attention;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.graph.layers.VertexWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps Keras's {@code MultiHeadAttention}, which DL4J's importer does not know, to a
 * {@link MultiHeadAttentionVertex}: attention over the steps of sequences, with or without biases,
 * projected back to the query's features. Options that change that ({@code output_shape},
 * {@code attention_axes} other than the steps, {@code use_gate}, {@code sliding_window}) are refused.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("MultiHeadAttention", KerasMultiHeadAttention.class);
 * }</pre>
 */
public class KerasMultiHeadAttention extends KerasLayer implements VertexWeights {
    private final int weightCount;

    /**
     * @param layerConfig the Keras layer, normalised (its call in {@link org.kinspect.config.AttentionCall})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException never: refusals are KinspectExceptions naming the layer
     */
    public KerasMultiHeadAttention(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        AttentionLayerConfig config = AttentionLayerConfig.of(layerConfig);
        config.requireUnset("output_shape");
        config.requireUnset("attention_axes", List.of(1), 1);
        config.requireUnset("use_gate", false);
        config.requireUnset("sliding_window");
        int heads = config.positiveInteger("num_heads");
        int keySize = config.positiveInteger("key_dim");
        int valueSize = config.config().get("value_dim") == null ? keySize : config.positiveInteger("value_dim");
        boolean useBias = config.flag("use_bias", true);
        this.weightCount = useBias ? 8 : 4;
        AttentionVertex attention = new MultiHeadAttentionVertex(config.layerName(), config.call(), heads, keySize, valueSize,
                useBias);
        InputMasks.apply(config, attention);
        this.vertex = attention;
    }

    @Override
    public int getNumParams() {
        return weightCount;
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) {
        this.weights = new HashMap<>(weights);
    }

    @Override
    public void copyWeightsTo(GraphVertex vertex) throws InvalidKerasConfigurationException {
        try {
            ((AttentionVertexImpl) vertex).setWeights(getWeights());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidKerasConfigurationException(e.getMessage());
        }
    }

    @Override
    public InputType getOutputType(InputType... inputType) {
        return vertex.getOutputType(-1, inputType);
    }
}
