package org.kinspect.graph.masking;

import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;

/**
 * Gives every {@code Masking} layer on a sequence Keras's output ({@link MaskingLayer}: zeros at
 * the masked steps) in place of DL4J's, which passes its input on unchanged.
 *
 * <pre>{@code
 * MaskingRewrite.apply(configuration, spec, outputTypes); // before the graph is made
 * }</pre>
 */
public final class MaskingRewrite {

    private MaskingRewrite() {}

    /**
     * @param configuration the graph configuration DL4J built, changed in place
     * @param spec the model
     * @param outputTypes each Keras layer's output type, for the layout of the Masking layer's sequence
     */
    public static void apply(ComputationGraphConfiguration configuration, ModelSpec spec,
            Map<String, InputType> outputTypes) {
        for (Map.Entry<String, GraphVertex> vertex : configuration.getVertices().entrySet()) {
            Optional<LayerSpec> described = spec.layer(vertex.getKey());
            if (!(vertex.getValue() instanceof LayerVertex layerVertex) || described.isEmpty()
                    || !described.get().className().equals("Masking")
                    || !(layerVertex.getLayerConf().getLayer() instanceof MaskZeroLayer masking)
                    || !(outputTypes.get(vertex.getKey()) instanceof InputType.InputTypeRecurrent sequence)) {
                continue;
            }
            int featuresAxis = sequence.getFormat() == RNNFormat.NWC ? 2 : 1;
            MaskingLayer keras = new MaskingLayer(masking.getUnderlying(), masking.getMaskingValue(), featuresAxis);
            keras.setLayerName(masking.getLayerName());
            layerVertex.getLayerConf().setLayer(keras);
        }
    }
}
