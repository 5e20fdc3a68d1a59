package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.KinspectException;

/**
 * Keras's {@code Dot} merge layer, which DL4J's importer does not know, as an operation layer
 * computing {@code batch_dot} (the function Keras's layer calls), so that the graph computes it
 * with the other operations, in Keras's layout.
 *
 * <pre>{@code
 * DotLayers.rewrite(functional, "model.h5"); // Dot layers become operation layers, in place
 * }</pre>
 */
final class DotLayers {

    private DotLayers() {}

    /**
     * @param functional a configuration in Keras 2 functional form, changed in place
     * @param source the file, for messages
     * @throws KinspectException for a Dot layer called more than once
     */
    static void rewrite(Map<String, Object> functional, String source) {
        if (!(functional.get("layers") instanceof List<?> layers)) {
            return;
        }
        List<Object> rewritten = new ArrayList<>();
        for (Object layerObject : layers) {
            Map<String, Object> layer = ConfigNormalizer.asMap(layerObject, source, "layer");
            rewritten.add("Dot".equals(layer.get("class_name")) ? asOperation(layer, source) : layer);
        }
        functional.put("layers", rewritten);
    }

    private static Map<String, Object> asOperation(Map<String, Object> layer, String source) {
        Map<String, Object> config = ConfigNormalizer.asMap(layer.get("config"), source, "layer config");
        String name = String.valueOf(config.getOrDefault("name", layer.get("name")));
        List<Object> nodes = ConfigNormalizer.asList(layer.get("inbound_nodes"), source, "inbound_nodes");
        if (nodes.size() != 1) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (Dot): it is called "
                    + nodes.size() + " times; kinspect imports a Dot layer called once");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("axes", config.get("axes"));
        options.put("normalize", Boolean.TRUE.equals(config.get("normalize")));
        List<Object> arguments = List.of(OperationLayers.tensorArgument(0), OperationLayers.tensorArgument(1));
        return OperationLayers.layer("Dot", name, "batch_dot", new ArrayList<>(arguments), options,
                ConfigNormalizer.asList(nodes.get(0), source, "inbound node"), null);
    }
}
