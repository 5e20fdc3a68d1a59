package org.kinspect.graph.attention;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.config.AttentionCall;
import org.kinspect.graph.base.ExtraStoredWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps Keras 3's {@code GroupQueryAttention} (grouped-query attention: {@code num_query_heads} query
 * heads sharing {@code num_key_value_heads} key and value heads) to a {@link MultiHeadAttentionVertex}:
 * Keras repeats each key and value head for the query heads of its group ({@code ops.repeat} along
 * the heads), which is multi-head attention whose key and value projections have each head's kernel
 * and bias repeated so. Its gate ({@code use_gate}) and its {@code sliding_window} are refused.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("GroupQueryAttention", GroupQueryAttentionMapper.class);
 * }</pre>
 */
public class GroupQueryAttentionMapper extends AttentionLayerMapper implements ExtraStoredWeights {
    private final int repeats;
    private long repeatedValues;

    /**
     * @param layerConfig the Keras layer, normalised (its call in {@link AttentionCall})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException naming the layer, for what kinspect does not compute
     */
    public GroupQueryAttentionMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig);
        AttentionLayerConfig config = AttentionLayerConfig.of(layerConfig);
        config.requireUnset("use_gate", false);
        config.requireUnset("sliding_window");
        int queryHeads = config.positiveInteger("num_query_heads");
        int keyValueHeads = config.positiveInteger("num_key_value_heads");
        if (queryHeads % keyValueHeads != 0) {
            throw config.refused("its " + queryHeads + " query heads are not groups of its " + keyValueHeads
                    + " key/value heads");
        }
        this.repeats = queryHeads / keyValueHeads;
        int headSize = config.positiveInteger("head_dim");
        boolean useBias = config.flag("use_bias", true);
        MultiHeadAttentionVertex attention = new MultiHeadAttentionVertex(config.layerName(), config.call(), queryHeads,
                headSize, headSize, useBias);
        InputMasks.apply(config, attention);
        useVertex(attention, useBias ? 8 : 4);
    }

    /** Takes the weights with each key and value head repeated for its group of query heads. */
    @Override
    public void setWeights(Map<String, INDArray> weights) {
        repeatedValues = 0;
        Map<String, INDArray> repeated = new HashMap<>(weights);
        for (String name : new String[] {"key/kernel", "value/kernel", "key/bias", "value/bias"}) {
            INDArray weight = weights.get(name);
            if (weight != null) {
                // kernel (features, heads, size), bias (heads, size): heads is the second-to-last axis
                repeated.put(name, weight.repeat(weight.rank() - 2, repeats).dup('c'));
                repeatedValues += (repeats - 1) * weight.length();
            }
        }
        super.setWeights(repeated);
    }

    /** @return minus the values repeating the key/value heads adds (the file holds each head once) */
    @Override
    public long extraStoredValues() {
        return -repeatedValues;
    }
}
