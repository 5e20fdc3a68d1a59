package org.kinspect.graph.masking;

import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.kinspect.catalog.Handling;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;

/**
 * Gives the LSTM and SimpleRNN layers (and Bidirectional wrappers of them) that Keras hands a mask
 * Keras's masking, whichever Keras wrote the file: {@link MaskedRnn} in place of DL4J's
 * MaskZeroLayer, which resets the state at padded steps and finds them over the wrong axis after a
 * LastTimeStep, or around a Bidirectional, which DL4J's mapper leaves unmasked. Which layers get a
 * mask, and from which layer, is {@link InputMask}'s reading of the model, as for GRU; what a
 * masked step outputs is {@link MaskedSteps}'s rule.
 *
 * <pre>{@code
 * MaskedRnnRewrite.apply(configuration, spec, "model.keras"); // before the graph is made
 * }</pre>
 */
public final class MaskedRnnRewrite {
    private MaskedRnnRewrite() {}

    /**
     * @param configuration the graph configuration DL4J built, changed in place
     * @param spec the model
     * @param source the file, for messages
     * @throws KinspectException when a layer's mask cannot be computed ({@link InputMask#refusal})
     */
    public static void apply(ComputationGraphConfiguration configuration, ModelSpec spec, String source) {
        for (Map.Entry<String, GraphVertex> vertex : configuration.getVertices().entrySet()) {
            Optional<LayerSpec> described = spec.layer(vertex.getKey());
            if (!(vertex.getValue() instanceof LayerVertex layerVertex) || described.isEmpty()
                    || !runsOnDl4jRecurrentLayers(described.get())) {
                continue;
            }
            LayerSpec layer = described.get();
            String maskOrigin = InputMask.of(layer, spec).originOrRefuse(layer, source);
            if (maskOrigin == null) {
                continue;
            }
            Layer dl4jLayer = layerVertex.getLayerConf().getLayer();
            Layer recurrent = dl4jLayer instanceof MaskZeroLayer masked ? masked.getUnderlying() : dl4jLayer;
            boolean bidirectional = layer.className().equals("Bidirectional");
            Map<?, ?> recurrentConfig = bidirectional && layer.config().get("layer") instanceof Map<?, ?> wrapped
                    && wrapped.get("config") instanceof Map<?, ?> inner ? inner : layer.config();
            boolean zeroOutputForMask = MaskedSteps.zeroOutputForMask(recurrentConfig, bidirectional,
                    spec.kerasMajorVersion());
            layerVertex.getLayerConf().setLayer(new MaskedRnn(recurrent, maskOrigin, zeroOutputForMask));
        }
    }

    private static boolean runsOnDl4jRecurrentLayers(LayerSpec layer) {
        if (layer.className().equals("Bidirectional")) {
            return layer.config().get("layer") instanceof Map<?, ?> wrapped
                    && dl4jRecurrentLayer(String.valueOf(wrapped.get("class_name")));
        }
        return dl4jRecurrentLayer(layer.className());
    }

    /** LSTM and SimpleRNN: the recurrent layers DL4J's own mappers build. */
    private static boolean dl4jRecurrentLayer(String className) {
        return KerasClasses.find(className)
                .filter(found -> found.recurrence().isVectorLayer() && found.handling() == Handling.DL4J_MAPPER)
                .isPresent();
    }
}
