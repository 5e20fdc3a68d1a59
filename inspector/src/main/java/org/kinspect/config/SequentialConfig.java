package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * Rewrites a Sequential configuration as the functional one Keras builds from it: an input layer
 * first (named as Keras names it), then each layer called on the one before.
 */
final class SequentialConfig {

    private SequentialConfig() {}

    static Map<String, Object> toFunctional(Object sequentialConfig, int kerasMajorVersion, String source) {
        String modelName = "sequential";
        List<Object> layerList;
        // Keras 1 and 2.0.x write the layers as a bare list, later versions as {"name", "layers"}.
        if (sequentialConfig instanceof List<?>) {
            layerList = ConfigNormalizer.asList(sequentialConfig, source, "config");
        } else {
            Map<String, Object> config = ConfigNormalizer.asMap(sequentialConfig, source, "config");
            layerList = ConfigNormalizer.asList(config.get("layers"), source, "layers");
            modelName = String.valueOf(config.getOrDefault("name", modelName));
        }
        if (layerList.isEmpty()) {
            throw KinspectException.modelFile(source + ": the Sequential model has no layers");
        }
        List<Object> layers = new ArrayList<>();
        Map<String, Object> first = ConfigNormalizer.asMap(layerList.get(0), source, "layer");
        String previous;
        int start = 0;
        if ("InputLayer".equals(first.get("class_name"))) {
            previous = layerName(first, source);
            layers.add(withInbound(first, null, kerasMajorVersion));
            start = 1;
        } else {
            Map<String, Object> input = inputLayerFor(first, kerasMajorVersion, source);
            previous = layerName(input, source);
            layers.add(input);
        }
        for (int i = start; i < layerList.size(); i++) {
            Map<String, Object> layer = ConfigNormalizer.asMap(layerList.get(i), source, "layer");
            layers.add(withInbound(layer, previous, kerasMajorVersion));
            previous = layerName(layer, source);
        }
        Map<String, Object> functional = new LinkedHashMap<>();
        functional.put("name", modelName);
        functional.put("layers", layers);
        functional.put("input_layers", List.of(List.of(layerName((Map<String, Object>) layers.get(0), source), 0, 0)));
        functional.put("output_layers", List.of(List.of(previous, 0, 0)));
        return functional;
    }

    private static Map<String, Object> inputLayerFor(Map<String, Object> first, int kerasMajorVersion, String source) {
        Map<String, Object> firstConfig = ConfigNormalizer.asMap(first.get("config"), source, "layer config");
        List<Object> batchShape = batchInputShape(firstConfig);
        if (batchShape == null) {
            throw KinspectException.modelFile(source + ": the first layer '" + layerName(first, source)
                    + "' does not say its input shape, so the model cannot be built; save the model after building it");
        }
        String firstName = layerName(first, source);
        // Keras 2 names the implicit input "<first layer>_input"; Keras 1 "<class>_input_1".
        String name = kerasMajorVersion == 1
                ? String.valueOf(first.get("class_name")).toLowerCase(Locale.ROOT) + "_input_1"
                : firstName + "_input";
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("batch_input_shape", batchShape);
        config.put("dtype", firstConfig.getOrDefault("dtype", firstConfig.getOrDefault("input_dtype", "float32")));
        config.put("sparse", false);
        config.put("name", name);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("class_name", "InputLayer");
        input.put("name", name);
        input.put("config", config);
        input.put("inbound_nodes", new ArrayList<>());
        return input;
    }

    /** The batch input shape a first layer declares, in any of the ways Keras 1 and 2 allow. */
    private static List<Object> batchInputShape(Map<String, Object> config) {
        if (config.get("batch_input_shape") instanceof List<?> shape) {
            return new ArrayList<>(shape);
        }
        if (config.get("batch_shape") instanceof List<?> shape) {
            return new ArrayList<>(shape);
        }
        List<Object> batchShape = new ArrayList<>();
        batchShape.add(null);
        if (config.get("input_shape") instanceof List<?> shape) {
            batchShape.addAll(shape);
            return batchShape;
        }
        if (config.get("input_dim") != null) {
            if (config.containsKey("input_length")) {
                batchShape.add(config.get("input_length")); // Keras 1 recurrent: (length, dim)
            }
            batchShape.add(config.get("input_dim"));
            return batchShape;
        }
        return null;
    }

    private static Map<String, Object> withInbound(Map<String, Object> layer, String previous, int kerasMajorVersion) {
        Map<String, Object> copy = new LinkedHashMap<>(layer);
        copy.putIfAbsent("name", ((Map<?, ?>) layer.get("config")).get("name"));
        List<Object> nodes = new ArrayList<>();
        if (previous != null) {
            List<Object> tensor = kerasMajorVersion == 1
                    ? List.of(previous, 0, 0)
                    : List.of(previous, 0, 0, new LinkedHashMap<>());
            nodes.add(List.of(tensor));
        }
        copy.put("inbound_nodes", nodes);
        return copy;
    }

    private static String layerName(Map<String, Object> layer, String source) {
        Object name = layer.get("name");
        if (name == null && layer.get("config") instanceof Map<?, ?> config) {
            name = config.get("name");
        }
        if (name == null) {
            throw KinspectException.modelFile(source + ": a layer of the Sequential model has no name");
        }
        return name.toString();
    }
}
