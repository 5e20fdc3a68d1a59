package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * Global pooling layers with {@code keepdims=True}, as the reductions Keras computes for them
 * ({@code ops.mean} or {@code ops.max} over the steps or the pixels, sizes of 1 kept): DL4J's
 * global pooling always drops those axes, so a Keras output of (batch, 1, 1, channels) came out as
 * (batch, channels) and the layers after it were typed for vectors.
 *
 * <pre>{@code
 * KeptDimensionPooling.rewrite(functional, "model.keras"); // in place
 * // GlobalAveragePooling2D(keepdims=True) -> {"function": "mean", "options": {"axis": [1, 2], "keepdims": true}}
 * }</pre>
 */
final class KeptDimensionPooling {

    private KeptDimensionPooling() {}

    /**
     * @param functional a configuration in Keras 2 functional form, changed in place
     * @param source the file, for messages
     * @throws KinspectException for such a layer channels first, or called more than once
     */
    static void rewrite(Map<String, Object> functional, String source) {
        OperationLayers.replaceLayers(functional, source,
                layer -> keepsDimensions(layer) ? asReduction(layer, source) : layer);
    }

    private static boolean keepsDimensions(Map<String, Object> layer) {
        return spatialAxes(String.valueOf(layer.get("class_name"))) != null
                && layer.get("config") instanceof Map<?, ?> config && Boolean.TRUE.equals(config.get("keepdims"));
    }

    /** @return the axes a global pooling class reduces, channels last, or null for another class */
    private static List<Object> spatialAxes(String className) {
        return switch (className) {
            case "GlobalAveragePooling1D", "GlobalMaxPooling1D" -> List.of(1);
            case "GlobalAveragePooling2D", "GlobalMaxPooling2D" -> List.of(1, 2);
            case "GlobalAveragePooling3D", "GlobalMaxPooling3D" -> List.of(1, 2, 3);
            default -> null;
        };
    }

    private static Map<String, Object> asReduction(Map<String, Object> layer, String source) {
        String className = String.valueOf(layer.get("class_name"));
        Map<String, Object> config = ConfigNormalizer.asMap(layer.get("config"), source, "layer config");
        String name = String.valueOf(config.getOrDefault("name", layer.get("name")));
        if ("channels_first".equals(config.get("data_format"))) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (" + className
                    + "): keepdims=True is supported channels last only");
        }
        List<Object> nodes = ConfigNormalizer.asList(layer.get("inbound_nodes"), source, "inbound_nodes");
        if (nodes.size() != 1) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (" + className
                    + "): it is called " + nodes.size() + " times; kinspect imports such a layer called once");
        }
        List<Object> inboundNode = ConfigNormalizer.asList(nodes.get(0), source, "inbound node");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("axis", new ArrayList<>(spatialAxes(className)));
        options.put("keepdims", true);
        String function = className.startsWith("GlobalMax") ? "max" : "mean";
        return OperationLayers.layer(className, name, function, new ArrayList<>(List.of(OperationLayers.tensorArgument(0))),
                options, inboundNode, null);
    }
}
