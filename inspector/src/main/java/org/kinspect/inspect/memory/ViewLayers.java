package org.kinspect.inspect.memory;

import java.util.Set;
import org.kinspect.config.LayerSpec;

/**
 * Layers whose output is their input seen another way, so it costs no memory of its own: a Flatten
 * or Reshape only relabels the axes; Dropout and the noise layers pass their input on unchanged at
 * inference (in training they write a masked or noisy copy); the stand-in for an inlined nested
 * model is an identity.
 */
final class ViewLayers {
    private static final Set<String> ALWAYS = Set.of("Flatten", "Reshape");
    private static final Set<String> AT_INFERENCE = Set.of("Dropout", "SpatialDropout1D", "SpatialDropout2D",
            "SpatialDropout3D", "GaussianDropout", "GaussianNoise", "AlphaDropout", "ActivityRegularization");

    private ViewLayers() {}

    /**
     * @param layer a layer
     * @return the layer whose memory it shares at inference, or null when it has its own
     */
    static String viewOf(LayerSpec layer) {
        if (layer.inboundLayers().size() != 1) {
            return null;
        }
        boolean view = ALWAYS.contains(layer.className()) || AT_INFERENCE.contains(layer.className())
                || layer.standsForNestedModel();
        return view ? layer.inboundLayers().get(0) : null;
    }

    /**
     * @param layer a layer that is a view at inference
     * @return true when training makes it a copy of its own
     */
    static boolean ownMemoryInTraining(LayerSpec layer) {
        return AT_INFERENCE.contains(layer.className());
    }
}
