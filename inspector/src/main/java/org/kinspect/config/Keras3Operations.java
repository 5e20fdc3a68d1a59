package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.config.Keras3CallArguments.KerasTensor;
import org.kinspect.errors.KinspectException;

/**
 * Keras 3 operation nodes: calls of {@code keras.ops} functions on symbolic tensors ({@code x + y},
 * {@code ops.concatenate}), which Keras 3 records as entries of the layer list. Their class names
 * collide with merge layers ({@code Add}, {@code Multiply}, {@code Concatenate}...); the two are
 * told apart by {@code module} ({@code keras.src.ops.*}), or, in a legacy {@code .h5} where no entry
 * has a module, by the configuration (a layer's always says {@code trainable}, an op's never does).
 *
 * <p>Ops that combine same-shaped tensors the way a merge layer does become that merge layer; the
 * other ops kinspect computes become {@link OperationLayers operation layers}. Any other op is
 * refused with a message naming it.
 */
public final class Keras3Operations {
    /** Ops that are exactly a Keras 2 merge layer when all their arguments are tensors of one shape. */
    private static final Set<String> MERGES = Set.of("Add", "Subtract", "Multiply", "Maximum", "Minimum");

    /** Layers whose own {@code get_config} leaves out {@code trainable} (Keras 3.16 source). */
    private static final Set<String> LAYERS_WITHOUT_TRAINABLE = Set.of("SpatialDropout1D", "SpatialDropout2D",
            "SpatialDropout3D", "Discretization");

    /** The {@code keras.ops} function of each op class kinspect computes. */
    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("Add", "add"),
            Map.entry("Subtract", "subtract"),
            Map.entry("Multiply", "multiply"),
            Map.entry("Divide", "divide"),
            Map.entry("TrueDivide", "divide"),
            Map.entry("Power", "power"),
            Map.entry("Maximum", "maximum"),
            Map.entry("Minimum", "minimum"),
            Map.entry("Equal", "equal"),
            Map.entry("NotEqual", "not_equal"),
            Map.entry("Greater", "greater"),
            Map.entry("GreaterEqual", "greater_equal"),
            Map.entry("Less", "less"),
            Map.entry("LessEqual", "less_equal"),
            Map.entry("Matmul", "matmul"),
            Map.entry("ExpandDims", "expand_dims"),
            Map.entry("Squeeze", "squeeze"),
            Map.entry("Reshape", "reshape"),
            Map.entry("Transpose", "transpose"),
            Map.entry("Concatenate", "concatenate"),
            Map.entry("Mean", "mean"),
            Map.entry("Sum", "sum"),
            Map.entry("Max", "max"),
            Map.entry("Min", "min"),
            Map.entry("Sqrt", "sqrt"),
            Map.entry("Exp", "exp"),
            Map.entry("Log", "log"),
            Map.entry("Tanh", "tanh"),
            Map.entry("Sigmoid", "sigmoid"),
            Map.entry("Relu", "relu"),
            Map.entry("Absolute", "abs"),
            Map.entry("Abs", "abs"),
            Map.entry("Square", "square"),
            Map.entry("Negative", "negative"),
            Map.entry("Round", "round"),
            Map.entry("Floor", "floor"),
            Map.entry("Ceil", "ceil"),
            Map.entry("Sign", "sign"),
            Map.entry("Sin", "sin"),
            Map.entry("Cos", "cos"),
            Map.entry("Softplus", "softplus"),
            Map.entry("Log1p", "log1p"),
            Map.entry("Expm1", "expm1"),
            Map.entry("Reciprocal", "reciprocal"),
            Map.entry("Rsqrt", "rsqrt"),
            Map.entry("Silu", "silu"),
            Map.entry("Relu6", "relu6"),
            Map.entry("LeakyRelu", "leaky_relu"),
            Map.entry("Elu", "elu"),
            Map.entry("Clip", "clip"),
            Map.entry("Gelu", "gelu"),
            Map.entry("Softmax", "softmax"),
            Map.entry("Prod", "prod"),
            Map.entry("Var", "var"),
            Map.entry("Std", "std"),
            Map.entry("Stack", "stack"),
            Map.entry("Cast", "cast"),
            Map.entry("GetItem", "get_item"));

    private Keras3Operations() {}

    /**
     * @param layerEntry an entry of a Keras 3 configuration's layer list
     * @return true when it records a {@code keras.ops} call rather than a layer
     */
    public static boolean isOperation(Map<String, Object> layerEntry) {
        Object module = layerEntry.get("module");
        if (module instanceof String name) {
            return name.startsWith("keras.src.ops");
        }
        return !"InputLayer".equals(layerEntry.get("class_name"))
                && !LAYERS_WITHOUT_TRAINABLE.contains(layerEntry.get("class_name"))
                && layerEntry.get("config") instanceof Map<?, ?> config && !config.containsKey("trainable");
    }

    /**
     * @param operation an operation entry (Keras 3 form)
     * @param call its one call, read by {@link Keras3CallArguments}
     * @param source the file, for messages
     * @return the Keras 2 merge layer that computes the same, or the operation layer
     * @throws KinspectException when kinspect does not compute the op
     */
    static Map<String, Object> asLayer(Map<String, Object> operation, Keras3CallArguments call, String source) {
        String className = String.valueOf(operation.get("class_name"));
        Map<String, Object> opConfig = ConfigNormalizer.asMap(operation.get("config"), source, "op config");
        String name = String.valueOf(operation.containsKey("name") ? operation.get("name") : opConfig.get("name"));
        if (isMerge(className, opConfig, call)) {
            return asMergeLayer(className, name, opConfig, call);
        }
        String function = FUNCTIONS.get(className);
        if (function == null) {
            throw unsupported(source, className, name, "");
        }
        List<Object> inboundNode = new ArrayList<>();
        List<KerasTensor> inbound = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        for (Object argument : call.arguments()) {
            arguments.add(argument(argument, inbound, inboundNode));
        }
        Map<String, Object> options = new LinkedHashMap<>(opConfig);
        options.remove("name");
        if (function.equals("get_item")) {
            if (arguments.size() != 2) {
                throw unsupported(source, className, name, " with " + arguments.size() + " arguments");
            }
            options.put("key", arguments.remove(1));
        }
        List<List<Object>> shapes = inbound.stream().map(KerasTensor::shape).toList();
        return OperationLayers.layer(className, name, function, arguments, options, inboundNode,
                shapes.contains(null) ? null : shapes);
    }

    private static boolean isMerge(String className, Map<String, Object> opConfig, Keras3CallArguments call) {
        boolean mergeClass = MERGES.contains(className) || className.equals("Concatenate");
        if (!mergeClass || !call.constants().isEmpty() || call.tensors().size() < 2) {
            return false;
        }
        if (className.equals("Concatenate")) {
            // DL4J's merge describes its result as joined along the features, whatever axis it joins:
            // only the last axis is left to it (ops.concatenate's default, axis 0, is refused as an op).
            Object axis = opConfig.getOrDefault("axis", 0);
            List<Object> shape = call.tensors().get(0).shape();
            return axis instanceof Number number && shape != null
                    && (number.intValue() == -1 || number.intValue() == shape.size() - 1);
        }
        return call.tensorsHaveOneShape();
    }

    private static Map<String, Object> asMergeLayer(String className, String name, Map<String, Object> opConfig,
            Keras3CallArguments call) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", true);
        config.put("dtype", "float32");
        if (className.equals("Concatenate")) {
            config.put("axis", opConfig.get("axis"));
        }
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("class_name", className);
        layer.put("name", name);
        layer.put("config", config);
        layer.put("inbound_nodes", List.of(call.keras2Node()));
        return layer;
    }

    /**
     * An argument in the operation layer's form: tensors become {@code {"tensor": i}} (the same tensor
     * twice is one inbound tensor), numpy constants their values, slices and ellipses of a
     * {@code get_item} key kinspect's key items.
     */
    private static Object argument(Object value, List<KerasTensor> inbound, List<Object> inboundNode) {
        if (value instanceof KerasTensor tensor) {
            int index = inbound.indexOf(tensor);
            if (index < 0) {
                index = inbound.size();
                inbound.add(tensor);
                inboundNode.add(tensor.keras2Form());
            }
            return OperationLayers.tensorArgument(index);
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>();
            for (Object item : list) {
                converted.add(argument(item, inbound, inboundNode));
            }
            return converted;
        }
        if (value == null) {
            return "newaxis";
        }
        if (value instanceof Map<?, ?> map && map.get("config") instanceof Map<?, ?> config) {
            switch (String.valueOf(map.get("class_name"))) {
                case "__numpy__" -> {
                    return config.get("value");
                }
                case "__slice__" -> {
                    List<Object> bounds = new ArrayList<>();
                    bounds.add(config.get("start"));
                    bounds.add(config.get("stop"));
                    bounds.add(config.get("step"));
                    Map<String, Object> slice = new LinkedHashMap<>();
                    slice.put("slice", bounds);
                    return slice;
                }
                case "__ellipsis__" -> {
                    return "...";
                }
                default -> { }
            }
        }
        return value;
    }

    static KinspectException unsupported(String source, String className, String name, String detail) {
        return KinspectException.unsupported(source + ": unsupported op " + className + detail + " in layer '" + name
                + "' (" + className + "), a keras.ops call; kinspect computes the element-wise arithmetic,"
                + " comparison, math and activation ops, matmul, reshaping, slicing, concatenate, stack and axis"
                + " reductions so far");
    }
}
