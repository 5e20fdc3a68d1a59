package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * Keras's {@code Discretization} layer (integer output), as the op it calls,
 * {@code ops.digitize(x, bin_boundaries)}: each value becomes the number of boundaries at or below
 * it, the index of its bin. Other output modes (one-hot, multi-hot, counts) and layers without
 * boundaries in their configuration are refused in one line.
 *
 * <pre>{@code
 * DiscretizationLayers.rewrite(functional, "model.keras"); // in place
 * // Discretization(bin_boundaries=[0.0, 1.0]) -> {"function": "digitize", "options": {"bins": [0.0, 1.0]}}
 * }</pre>
 */
final class DiscretizationLayers {

    private DiscretizationLayers() {}

    /**
     * @param functional a configuration in Keras 2 functional form, changed in place
     * @param source the file, for messages
     * @throws KinspectException for a Discretization kinspect does not compute
     */
    static void rewrite(Map<String, Object> functional, String source) {
        OperationLayers.replaceLayers(functional, source,
                layer -> "Discretization".equals(layer.get("class_name")) ? asDigitize(layer, source) : layer);
    }

    private static Map<String, Object> asDigitize(Map<String, Object> layer, String source) {
        Map<String, Object> config = ConfigNormalizer.asMap(layer.get("config"), source, "layer config");
        String name = String.valueOf(config.getOrDefault("name", layer.get("name")));
        Object mode = config.getOrDefault("output_mode", "int");
        if (!"int".equals(mode)) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name
                    + "' (Discretization): output_mode='" + mode + "' is not supported; only 'int' is");
        }
        if (!(config.get("bin_boundaries") instanceof List<?> boundaries) || boundaries.isEmpty()
                || !boundaries.stream().allMatch(Number.class::isInstance)) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name
                    + "' (Discretization): its configuration holds no bin_boundaries (kinspect reads them there)");
        }
        List<Object> nodes = ConfigNormalizer.asList(layer.get("inbound_nodes"), source, "inbound_nodes");
        if (nodes.size() != 1) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name
                    + "' (Discretization): it is called " + nodes.size() + " times; kinspect imports it called once");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("bins", new ArrayList<>(boundaries));
        return OperationLayers.layer("Discretization", name, "digitize",
                new ArrayList<>(List.of(OperationLayers.tensorArgument(0))), options,
                ConfigNormalizer.asList(nodes.get(0), source, "inbound node"), null);
    }
}
