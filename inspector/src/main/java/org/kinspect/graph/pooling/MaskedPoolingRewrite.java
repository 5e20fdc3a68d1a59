package org.kinspect.graph.pooling;

import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.masking.InputMask;

/**
 * Gives a {@code GlobalAveragePooling1D} that Keras hands a mask (Keras 2 and 3 both average
 * over the kept steps only) {@link MaskedAveragePooling} in place of DL4J's pooling, which
 * averages over every step. Which layers get a mask, and from which layer, is {@link InputMask}'s
 * reading of the model. ({@code GlobalMaxPooling1D} takes no mask: Keras 2 refuses one, Keras 3
 * drops it.)
 *
 * <pre>{@code
 * MaskedPoolingRewrite.apply(configuration, spec, "model.keras"); // before the graph is made
 * }</pre>
 */
public final class MaskedPoolingRewrite {

    private MaskedPoolingRewrite() {}

    /**
     * @param configuration the graph configuration DL4J built, changed in place
     * @param spec the model
     * @param source the file, for messages
     * @throws KinspectException when a pooling layer's mask cannot be computed
     */
    public static void apply(ComputationGraphConfiguration configuration, ModelSpec spec, String source) {
        for (Map.Entry<String, GraphVertex> vertex : configuration.getVertices().entrySet()) {
            Optional<LayerSpec> described = spec.layer(vertex.getKey());
            if (!(vertex.getValue() instanceof LayerVertex layerVertex) || described.isEmpty()
                    || !described.get().className().equals("GlobalAveragePooling1D")
                    || !(layerVertex.getLayerConf().getLayer() instanceof GlobalPoolingLayer pooling)) {
                continue;
            }
            LayerSpec layer = described.get();
            String maskOrigin = InputMask.of(layer, spec).originOrRefuse(layer, source);
            if (maskOrigin == null) {
                continue;
            }
            MaskedAveragePooling masked = new MaskedAveragePooling(pooling.getPoolingDimensions(),
                    pooling.isCollapseDimensions(), maskOrigin);
            masked.setLayerName(pooling.getLayerName());
            layerVertex.getLayerConf().setLayer(masked);
        }
    }
}
