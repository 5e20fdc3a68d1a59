package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Keras 2 form kinspect gives an operation layer ({@code x + 1.0}, {@code ops.mean(x, axis=1)}
 * in Keras 3, {@code TFOpLambda} and {@code TensorFlowOpLayer} in tf.keras): a layer entry that
 * keeps its Keras class name (what reports show) and whose notes ({@link LayerNotes#operation()})
 * say which function it computes on which arguments. The graph importer computes it with one
 * implementation whatever Keras wrote it.
 *
 * <pre>{@code
 * // 2.0 - x: x is the layer's first inbound tensor, of Keras shape (batch, 4, 3)
 * {"function": "subtract", "arguments": [2.0, {"tensor": 0}], "options": {}, "input_shapes": [[null, 4, 3]]}
 * }</pre>
 *
 * Function names are those of {@code keras.ops} ({@code add}, {@code not_equal}, {@code get_item}...);
 * options are the op's keyword configuration ({@code axis}, {@code keepdims}, {@code newshape},
 * {@code axes}, {@code dtype}, and for {@code get_item} the {@code key}: a list of integers,
 * {@code {"slice": [start, stop, step]}}, {@code "newaxis"} and {@code "..."}). The inbound tensors'
 * Keras shapes are there when the file records them (Keras 3 does, tf.keras does not).
 */
public final class OperationLayers {
    private OperationLayers() {}

    /**
     * @param className the Keras class name ({@code Add}, {@code TFOpLambda})
     * @param name the layer name
     * @param function the {@code keras.ops} function it computes
     * @param arguments its positional arguments, each tensor as {@code {"tensor": i}} (the i-th inbound tensor)
     * @param options its other configuration
     * @param inboundNode the Keras 2 inbound node: {@code [[layer, node, index, {}], ...]}
     * @param inputShapes the inbound tensors' Keras shapes (null for an unknown size), or null when unknown
     * @return the layer entry
     */
    static Map<String, Object> layer(String className, String name, String function, List<Object> arguments,
            Map<String, Object> options, List<Object> inboundNode, List<List<Object>> inputShapes) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("function", function);
        operation.put("arguments", arguments);
        operation.put("options", options);
        if (inputShapes != null) {
            operation.put("input_shapes", inputShapes);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", false);
        config.put("dtype", "float32");
        config.put(LayerNotes.OPERATION, operation);
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("class_name", className);
        layer.put("name", name);
        layer.put("config", config);
        layer.put("inbound_nodes", new ArrayList<>(List.of(inboundNode)));
        return layer;
    }

    /**
     * Replaces layers of a configuration by their operation-layer form, in place.
     *
     * @param functional a configuration in Keras 2 functional form
     * @param source the file, for messages
     * @param replacement gives each layer's replacement, or the layer itself when it stays
     */
    static void replaceLayers(Map<String, Object> functional, String source,
            UnaryOperator<Map<String, Object>> replacement) {
        if (!(functional.get("layers") instanceof List<?> layers)) {
            return;
        }
        List<Object> replaced = new ArrayList<>();
        for (Object layer : layers) {
            replaced.add(replacement.apply(ConfigNormalizer.asMap(layer, source, "layer")));
        }
        functional.put("layers", replaced);
    }

    /** @return a tensor argument: the {@code index}-th inbound tensor */
    static Map<String, Object> tensorArgument(int index) {
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("tensor", index);
        return tensor;
    }
}
