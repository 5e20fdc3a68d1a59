package org.kinspect.graph;

import java.util.List;
import java.util.Map;
import org.kinspect.KinspectException;

/**
 * Layers DL4J imports without complaint but computes wrongly, found by comparing with Keras 3's
 * own numbers (fixtures in {@code src/test/resources/layers/}). kinspect refuses them, naming the
 * layer, rather than give a wrong answer that looks right.
 */
final class MiscomputedLayers {

    private MiscomputedLayers() {}

    /**
     * @param layers the layer list of the configuration DL4J will read
     * @throws KinspectException for the first layer DL4J would compute wrongly
     */
    @SuppressWarnings("unchecked")
    static void refuse(List<Object> layers) {
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            String className = String.valueOf(layer.get("class_name"));
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            String reason = reason(className, config);
            if (reason != null) {
                throw KinspectException.unsupported("cannot import layer '" + config.get("name") + "' (" + className
                        + ") yet: " + reason);
            }
        }
    }

    private static String reason(String className, Map<String, Object> config) {
        return switch (className) {
            // DL4J gives (batch, 2, 6) where Keras gives (batch, 5, 3): it works on the wrong axis.
            case "Cropping1D", "ZeroPadding1D", "UpSampling1D" ->
                    "DL4J computes it over the wrong axis of the sequence";
            // Both data formats come out with Keras's axes mixed up (coverage/volume_resizing)
            case "ZeroPadding3D", "Cropping3D", "UpSampling3D" ->
                    "DL4J pads, crops or repeats the wrong axes of the volume";
            // 1.8 away from Keras's numbers with the right shape (coverage/conv3d_transpose)
            case "Conv3DTranspose" -> "DL4J's transposed 3D convolution does not compute Keras's";
            case "UpSampling2D" -> "bilinear".equals(config.get("interpolation"))
                    ? "DL4J upsamples by repeating values only (interpolation='nearest')" : null;
            default -> null;
        };
    }
}
