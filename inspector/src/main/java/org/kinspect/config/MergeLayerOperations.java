package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * Merge layers DL4J's importer does not know or describes wrongly, as operation layers computed in
 * Keras's layout with the other operations: {@code Dot} as {@code batch_dot} (the function Keras's
 * layer calls), and {@code Concatenate} along another axis than the last as {@code concatenate}
 * (DL4J describes every concatenation as joined along the features).
 *
 * <pre>{@code
 * MergeLayerOperations.rewrite(functional, "model.h5"); // in place
 * }</pre>
 */
final class MergeLayerOperations {

    private MergeLayerOperations() {}

    /**
     * @param functional a configuration in Keras 2 functional form, changed in place
     * @param source the file, for messages
     * @throws KinspectException for such a layer called more than once
     */
    static void rewrite(Map<String, Object> functional, String source) {
        OperationLayers.replaceLayers(functional, source,
                layer -> computedAsOperation(layer) ? asOperation(layer, source) : layer);
    }

    private static boolean computedAsOperation(Map<String, Object> layer) {
        return switch (String.valueOf(layer.get("class_name"))) {
            case "Dot" -> true;
            case "Concatenate" -> layer.get("config") instanceof Map<?, ?> config
                    && config.get("axis") instanceof Number axis && axis.intValue() != -1;
            default -> false;
        };
    }

    private static Map<String, Object> asOperation(Map<String, Object> layer, String source) {
        String className = String.valueOf(layer.get("class_name"));
        Map<String, Object> config = ConfigNormalizer.asMap(layer.get("config"), source, "layer config");
        String name = String.valueOf(config.getOrDefault("name", layer.get("name")));
        List<Object> nodes = ConfigNormalizer.asList(layer.get("inbound_nodes"), source, "inbound_nodes");
        if (nodes.size() != 1) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (" + className
                    + "): it is called " + nodes.size() + " times; kinspect imports such a layer called once");
        }
        List<Object> inboundNode = ConfigNormalizer.asList(nodes.get(0), source, "inbound node");
        List<Object> tensors = new ArrayList<>();
        for (int i = 0; i < inboundNode.size(); i++) {
            tensors.add(OperationLayers.tensorArgument(i));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (className.equals("Dot")) {
            options.put("axes", config.get("axes"));
            options.put("normalize", Boolean.TRUE.equals(config.get("normalize")));
            return OperationLayers.layer(className, name, "batch_dot", tensors, options, inboundNode, null);
        }
        options.put("axis", config.get("axis"));
        return OperationLayers.layer(className, name, "concatenate", new ArrayList<>(List.of(tensors)), options,
                inboundNode, null);
    }
}
