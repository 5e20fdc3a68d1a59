package org.kinspect.inspect.memory;

import org.kinspect.catalog.Family;
import org.kinspect.catalog.KerasClass.Trait;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.config.LayerSpec;

/**
 * Layers whose output is their input seen another way, so it costs no memory of its own: a Flatten
 * or Reshape only relabels the axes; Dropout and the noise layers pass their input on unchanged at
 * inference (in training they write a masked or noisy copy); the stand-in for an inlined nested
 * model is an identity.
 */
final class ViewLayers {

    private ViewLayers() {}

    /**
     * @param layer a layer
     * @return the layer whose memory it shares at inference, or null when it has its own
     */
    static String viewOf(LayerSpec layer) {
        if (layer.inboundLayers().size() != 1) {
            return null;
        }
        boolean view = KerasClasses.has(layer.className(), Trait.VIEW) || passedOnAtInference(layer)
                || layer.standsForNestedModel();
        return view ? layer.inboundLayers().get(0) : null;
    }

    /**
     * @param layer a layer that is a view at inference
     * @return true when training makes it a copy of its own
     */
    static boolean ownMemoryInTraining(LayerSpec layer) {
        return passedOnAtInference(layer);
    }

    /** Dropout, the noise layers and ActivityRegularization: the catalogue's regularisation family. */
    private static boolean passedOnAtInference(LayerSpec layer) {
        return KerasClasses.find(layer.className()).map(found -> found.family() == Family.REGULARIZATION).orElse(false);
    }
}
