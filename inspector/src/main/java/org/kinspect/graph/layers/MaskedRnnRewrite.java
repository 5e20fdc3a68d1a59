package org.kinspect.graph.layers;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.kinspect.KinspectException;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;

/**
 * Gives the LSTM and SimpleRNN layers (and Bidirectional wrappers of them) that Keras 3 hands a
 * mask Keras's masking: {@link KerasMaskedRnn} in place of DL4J's MaskZeroLayer, which resets the
 * state at padded steps, or around a Bidirectional, which DL4J's mapper leaves unmasked. Which
 * layers get a mask, and its value, is {@link InputMask}'s reading of the model, as for GRU.
 *
 * <pre>{@code
 * MaskedRnnRewrite.apply(configuration, spec, "model.keras"); // before the graph is made
 * }</pre>
 */
public final class MaskedRnnRewrite {
    private static final Set<String> DL4J_RECURRENT = Set.of("LSTM", "SimpleRNN");

    private MaskedRnnRewrite() {}

    /**
     * @param configuration the graph configuration DL4J built, changed in place
     * @param spec the model
     * @param source the file, for messages
     * @throws KinspectException when a layer's mask comes through a layer that changes the values,
     *     so it cannot be recomputed
     */
    public static void apply(ComputationGraphConfiguration configuration, ModelSpec spec, String source) {
        for (Map.Entry<String, GraphVertex> vertex : configuration.getVertices().entrySet()) {
            Optional<LayerSpec> described = spec.layer(vertex.getKey());
            if (!(vertex.getValue() instanceof LayerVertex layerVertex) || described.isEmpty()
                    || !runsOnDl4jRecurrentLayers(described.get())) {
                continue;
            }
            LayerSpec layer = described.get();
            InputMask mask = InputMask.of(layer, spec);
            if (mask.unfollowableThrough() != null) {
                throw KinspectException.unsupported(source + ": cannot import layer '" + layer.name() + "' ("
                        + layer.className() + "): its input mask is handed on through " + mask.unfollowableThrough()
                        + ", which changes the values; kinspect cannot recompute such a mask");
            }
            if (mask.value() == null) {
                continue;
            }
            Layer dl4jLayer = layerVertex.getLayerConf().getLayer();
            Layer recurrent = dl4jLayer instanceof MaskZeroLayer masked ? masked.getUnderlying() : dl4jLayer;
            // Keras makes both halves of a Bidirectional output zeros at padded steps.
            boolean zeroOutputForMask = layer.className().equals("Bidirectional")
                    || Boolean.TRUE.equals(layer.config().get("zero_output_for_mask"));
            layerVertex.getLayerConf().setLayer(new KerasMaskedRnn(recurrent, mask.value(), zeroOutputForMask));
        }
    }

    private static boolean runsOnDl4jRecurrentLayers(LayerSpec layer) {
        if (layer.className().equals("Bidirectional")) {
            return layer.config().get("layer") instanceof Map<?, ?> wrapped
                    && DL4J_RECURRENT.contains(String.valueOf(wrapped.get("class_name")));
        }
        return DL4J_RECURRENT.contains(layer.className());
    }
}
