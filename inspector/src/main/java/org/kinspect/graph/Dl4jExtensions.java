package org.kinspect.graph;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.kinspect.config.ModelSpec;
import org.kinspect.graph.activations.ActivationRewrite;
import org.kinspect.graph.attention.AttentionMaskHints;
import org.kinspect.graph.layers.KerasTimeDistributedSteps;
import org.kinspect.graph.layers.KinspectKerasLayers;
import org.kinspect.graph.layers.OverriddenMappers;
import org.kinspect.graph.layers.RecurrentLayerHints;
import org.kinspect.graph.operations.OperationRewrite;

/**
 * The Keras layers kinspect teaches DL4J's importer (GRU, CuDNNGRU, CuDNNLSTM, Bidirectional
 * around them), registered once in DL4J's registry of custom layers, and the configuration
 * changes their mappers rely on.
 *
 * <pre>{@code
 * Dl4jExtensions.prepare(layers, spec); // before DL4J's KerasModel reads the configuration
 * }</pre>
 */
final class Dl4jExtensions {

    static {
        // DL4J's registry is a static map read during every import; it is written here only once.
        KinspectKerasLayers.byClassName().forEach(KerasLayer::registerCustomLayer);
    }

    private Dl4jExtensions() {}

    /**
     * Registers kinspect's layers with DL4J (the first time) and prepares a layer list for them.
     *
     * @param layers the layer list of the configuration DL4J will read, changed in place
     * @param spec the model
     */
    static void prepare(List<Object> layers, ModelSpec spec) {
        MiscomputedLayers.refuse(layers);
        // First: a GRU in a TimeDistributed that kinspect folds is not refused as one DL4J would unwrap.
        KerasTimeDistributedSteps.rename(layers, spec);
        RecurrentLayerHints.annotate(layers, spec);
        AttentionMaskHints.annotate(layers, spec);
        ActivationRewrite.prepare(layers);
        // Before: operation layers keep their Keras class (Softmax, Concatenate...) for reports.
        OperationRewrite.prepare(layers, spec);
        OverriddenMappers.prepare(layers);
        embeddingsWithoutMaskZero(layers);
    }

    /**
     * kinspect computes Keras masks itself, from the token ids ({@code InputMask}, {@code KerasMasks}).
     * Told {@code mask_zero}, DL4J's mapper zeroes row 0 of the embedding table (so that padding is
     * found by content, together with any real token whose row is zero) and Keras reports that row.
     */
    @SuppressWarnings("unchecked")
    private static void embeddingsWithoutMaskZero(List<Object> layers) {
        for (Object layer : layers) {
            Map<String, Object> entry = (Map<String, Object>) layer;
            if ("Embedding".equals(entry.get("class_name")) && entry.get("config") instanceof Map<?, ?> config
                    && config.containsKey("mask_zero")) {
                ((Map<String, Object>) config).put("mask_zero", false);
            }
        }
    }
}
