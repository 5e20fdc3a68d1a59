package org.kinspect.graph;

import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

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
        boolean channelsLastVolumes = layers.stream().map(layer -> (Map<String, Object>) layer).anyMatch(layer ->
                String.valueOf(layer.get("class_name")).endsWith("3D")
                        && "channels_last".equals(((Map<String, Object>) layer.get("config")).get("data_format")));
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            String className = String.valueOf(layer.get("class_name"));
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            String reason = reason(className, config, channelsLastVolumes);
            if (reason != null) {
                throw KinspectException.unsupported("cannot import layer '" + config.get("name") + "' (" + className
                        + ") yet: " + reason);
            }
        }
    }

    private static String reason(String className, Map<String, Object> config, boolean channelsLastVolumes) {
        // DL4J describes a valid-padded channels_first Conv3D's output as channels_last, and the
        // layers after it read it so; the numbers would be reported in the wrong layout. kinspect's
        // own adaptive pooling pools the volume in the layout it is given, which is its own unless
        // a channels_last 3D layer made it (nothing moves volumes between layouts).
        if (className.endsWith("3D") && "channels_first".equals(config.get("data_format"))
                && (!className.startsWith("Adaptive") || channelsLastVolumes)) {
            return "channels_first 3D layers are not supported (channels_last are)";
        }
        if (className.equals("Conv3DTranspose")) {
            // 1.8 away from Keras's numbers with the right shape (coverage/conv3d_transpose)
            return "DL4J's transposed 3D convolution does not compute Keras's";
        }
        if (className.equals("Conv2DTranspose")) {
            return transposeReason(config);
        }
        return null;
    }

    /** DL4J's transposed convolutions give other output sizes than Keras's in these cases. */
    private static String transposeReason(Map<String, Object> config) {
        if (config.get("output_padding") != null) {
            return "DL4J ignores output_padding";
        }
        if ("valid".equals(config.get("padding")) && config.get("kernel_size") instanceof List<?> kernel
                && config.get("strides") instanceof List<?> strides && kernel.size() == strides.size()) {
            for (int axis = 0; axis < kernel.size(); axis++) {
                if (((Number) kernel.get(axis)).intValue() < ((Number) strides.get(axis)).intValue()) {
                    return "with padding='valid' and a kernel shorter than its stride, DL4J gives fewer output rows"
                            + " than Keras";
                }
            }
        }
        return null;
    }
}
