package org.kinspect.graph.layers;

import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.kinspect.graph.activations.KerasPreluLayer;
import org.kinspect.graph.activations.KerasSoftmaxLayer;
import org.kinspect.graph.normalization.KerasNormalization;

/**
 * The Keras layer mappers kinspect adds to DL4J's importer, by the Keras class name they map, for
 * {@code KerasLayer.registerCustomLayer} or as the {@code customLayers} argument of
 * {@code KerasLayerUtils.getKerasLayerFromConfig}. Configurations must first go through
 * {@link RecurrentLayerHints#annotate}.
 *
 * <pre>{@code
 * KinspectKerasLayers.byClassName().forEach(KerasLayer::registerCustomLayer);
 * }</pre>
 */
public final class KinspectKerasLayers {
    private static final Map<String, Class<? extends KerasLayer>> BY_CLASS_NAME = Map.of(
            "GRU", KerasGru.class,
            "CuDNNGRU", KerasCudnnGru.class,
            "CuDNNLSTM", KerasCudnnLstm.class,
            KerasBidirectionalRnn.CLASS_NAME, KerasBidirectionalRnn.class,
            "Minimum", KerasMinimum.class,
            KerasSoftmaxLayer.CLASS_NAME, KerasSoftmaxLayer.class,
            KerasPreluLayer.CLASS_NAME, KerasPreluLayer.class,
            "LayerNormalization", KerasNormalization.class,
            "UnitNormalization", KerasNormalization.class);

    private KinspectKerasLayers() {}

    /** @return the mappers by Keras class name */
    public static Map<String, Class<? extends KerasLayer>> byClassName() {
        return BY_CLASS_NAME;
    }
}
