package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * tf.keras's operation layers, rewritten as kinspect's {@link OperationLayers operation layers}:
 * {@code TFOpLambda} and {@code SlicingOpLambda} (tf.keras 2.4 and later: {@code x + 1.0},
 * {@code tf.reshape(x, ...)}, {@code x[:, 1:3]}) and {@code TensorFlowOpLayer} (tf.keras 2.2-2.3,
 * a TensorFlow graph node such as {@code Transpose} or {@code Reshape}). The common ops are mapped
 * onto the {@code keras.ops} functions kinspect computes for Keras 3; any other is refused with a
 * message naming it.
 *
 * <p>A TFOpLambda call is written as its first argument, each tensor in it an entry
 * {@code [layer, node, index, kwargs]} (a constant {@code ["_CONSTANT_VALUE", -1, value, kwargs]}),
 * with every other argument in {@code kwargs} by the TensorFlow function's parameter name, tensors
 * there as {@code [layer, node, index]}:
 *
 * <pre>{@code
 * {"class_name": "TFOpLambda", "config": {"name": "tf.math.multiply", "function": "math.multiply"},
 *  "inbound_nodes": [["dense", 0, 0, {"y": 2.0, "name": null}]]}
 * }</pre>
 */
final class TensorFlowOperations {
    private static final String CONSTANT = "_CONSTANT_VALUE";

    /** A TensorFlow function: kinspect's function and TensorFlow's names of its tensor-or-constant arguments. */
    private record Function(String name, List<String> parameters) {}

    private static final Map<String, Function> TF_FUNCTIONS = functions();

    /** TensorFlow graph ops (TensorFlowOpLayer) as kinspect's functions. */
    private static final Map<String, String> GRAPH_OPS = Map.ofEntries(
            Map.entry("AddV2", "add"), Map.entry("Add", "add"), Map.entry("Sub", "subtract"),
            Map.entry("Mul", "multiply"), Map.entry("RealDiv", "divide"), Map.entry("Maximum", "maximum"),
            Map.entry("Minimum", "minimum"), Map.entry("Pow", "power"), Map.entry("Relu", "relu"),
            Map.entry("Sigmoid", "sigmoid"), Map.entry("Tanh", "tanh"), Map.entry("Exp", "exp"),
            Map.entry("Log", "log"), Map.entry("Sqrt", "sqrt"), Map.entry("Square", "square"),
            Map.entry("Abs", "abs"), Map.entry("Neg", "negative"), Map.entry("Transpose", "transpose"),
            Map.entry("Reshape", "reshape"), Map.entry("ExpandDims", "expand_dims"), Map.entry("Mean", "mean"),
            Map.entry("Sum", "sum"), Map.entry("Max", "max"), Map.entry("Min", "min"),
            Map.entry("ConcatV2", "concatenate"), Map.entry("MatMul", "matmul"), Map.entry("BatchMatMulV2", "matmul"));

    private TensorFlowOperations() {}

    private static Map<String, Function> functions() {
        Map<String, Function> functions = new LinkedHashMap<>();
        List<String> xy = List.of("x", "y");
        for (String[] binary : new String[][] {{"add", "add"}, {"subtract", "subtract"}, {"sub", "subtract"},
                {"multiply", "multiply"}, {"mul", "multiply"}, {"truediv", "divide"}, {"divide", "divide"},
                {"maximum", "maximum"}, {"minimum", "minimum"}, {"pow", "power"}, {"equal", "equal"},
                {"eq", "equal"}, {"not_equal", "not_equal"}, {"ne", "not_equal"}, {"greater", "greater"},
                {"greater_equal", "greater_equal"}, {"less", "less"}, {"less_equal", "less_equal"}}) {
            functions.put("math." + binary[0], new Function(binary[1], xy));
            functions.put("__operators__." + binary[0], new Function(binary[1], xy));
        }
        for (String[] unary : new String[][] {{"math.sigmoid", "sigmoid"}, {"nn.sigmoid", "sigmoid"},
                {"sigmoid", "sigmoid"}, {"math.tanh", "tanh"}, {"nn.tanh", "tanh"}, {"tanh", "tanh"},
                {"math.exp", "exp"}, {"exp", "exp"}, {"math.log", "log"}, {"math.sqrt", "sqrt"}, {"sqrt", "sqrt"},
                {"math.abs", "abs"}, {"abs", "abs"}, {"math.square", "square"}, {"square", "square"},
                {"math.negative", "negative"}, {"__operators__.neg", "negative"}, {"math.round", "round"},
                {"math.floor", "floor"}, {"math.ceil", "ceil"}, {"math.sign", "sign"}, {"math.sin", "sin"},
                {"math.cos", "cos"}, {"math.softplus", "softplus"}, {"nn.softplus", "softplus"},
                {"math.log1p", "log1p"}, {"math.expm1", "expm1"}, {"math.reciprocal", "reciprocal"},
                {"math.rsqrt", "rsqrt"}}) {
            functions.put(unary[0], new Function(unary[1], List.of("x")));
        }
        functions.put("nn.relu", new Function("relu", List.of("features")));
        functions.put("nn.relu6", new Function("relu6", List.of("features")));
        functions.put("nn.silu", new Function("silu", List.of("features")));
        functions.put("nn.swish", new Function("silu", List.of("features")));
        functions.put("nn.leaky_relu", new Function("leaky_relu", List.of("features")));
        functions.put("nn.elu", new Function("elu", List.of("features")));
        functions.put("nn.gelu", new Function("gelu", List.of("features")));
        functions.put("nn.softmax", new Function("softmax", List.of("logits")));
        functions.put("clip_by_value", new Function("clip", List.of("t")));
        functions.put("stack", new Function("stack", List.of("values")));
        functions.put("reshape", new Function("reshape", List.of("tensor")));
        functions.put("transpose", new Function("transpose", List.of("a")));
        functions.put("expand_dims", new Function("expand_dims", List.of("input")));
        functions.put("squeeze", new Function("squeeze", List.of("input")));
        functions.put("compat.v1.squeeze", new Function("squeeze", List.of("input")));
        functions.put("concat", new Function("concatenate", List.of("values")));
        for (String reduction : List.of("mean", "sum", "max", "min", "prod", "std")) {
            functions.put("math.reduce_" + reduction, new Function(reduction, List.of("input_tensor")));
        }
        functions.put("math.reduce_variance", new Function("var", List.of("input_tensor")));
        functions.put("linalg.matmul", new Function("matmul", List.of("a", "b")));
        functions.put("matmul", new Function("matmul", List.of("a", "b")));
        functions.put("cast", new Function("cast", List.of("x")));
        functions.put("__operators__.getitem", new Function("get_item", List.of("tensor")));
        return Map.copyOf(functions);
    }

    /**
     * Rewrites, in place, the tf.keras operation layers of a Keras 2 functional configuration.
     *
     * @param functional {@code {"layers": [...], ...}}
     * @param source the file, for messages
     * @throws KinspectException for an op kinspect does not compute
     */
    static void rewrite(Map<String, Object> functional, String source) {
        OperationLayers.replaceLayers(functional, source, layer -> switch (String.valueOf(layer.get("class_name"))) {
            case "TFOpLambda", "SlicingOpLambda" -> lambda(layer, source);
            case "TensorFlowOpLayer" -> graphOp(layer, source);
            default -> layer;
        });
    }

    private static Map<String, Object> lambda(Map<String, Object> layer, String source) {
        String className = String.valueOf(layer.get("class_name"));
        Map<String, Object> config = ConfigNormalizer.asMap(layer.get("config"), source, "layer config");
        String name = layerName(layer, config);
        String tfFunction = String.valueOf(config.get("function"));
        Function function = TF_FUNCTIONS.get(tfFunction);
        if (function == null) {
            throw unsupported(source, className, name, "tf." + tfFunction);
        }
        List<Object> nodes = ConfigNormalizer.asList(layer.get("inbound_nodes"), source, "inbound_nodes");
        if (nodes.size() != 1) {
            throw unsupported(source, className, name, "tf." + tfFunction + " called " + nodes.size() + " times");
        }
        List<Object> inboundNode = new ArrayList<>();
        Map<String, Object> keywords = new LinkedHashMap<>();
        Object first = firstArgument(nodes.get(0), inboundNode, keywords);
        List<Object> arguments = new ArrayList<>();
        arguments.add(first);
        for (String parameter : function.parameters().subList(1, function.parameters().size())) {
            arguments.add(keywordArgument(keywords.remove(parameter), inboundNode));
        }
        keywords.remove("name");
        Map<String, Object> options = options(function.name(), keywords, name, className, tfFunction, source);
        return OperationLayers.layer(className, name, function.name(), arguments, options, inboundNode, null);
    }

    /** TensorFlow's keyword arguments as the options of kinspect's function ({@code perm} is {@code axes}...). */
    private static Map<String, Object> options(String function, Map<String, Object> keywords, String name,
            String className, String tfFunction, String source) {
        Map<String, Object> options = new LinkedHashMap<>();
        rename(keywords, "shape", options, "newshape");
        rename(keywords, "perm", options, "axes");
        rename(keywords, "squeeze_dims", options, "axis");
        rename(keywords, "slice_spec", options, "key");
        rename(keywords, "axis", options, "axis");
        rename(keywords, "keepdims", options, "keepdims");
        rename(keywords, "dtype", options, "dtype");
        rename(keywords, "alpha", options, "negative_slope"); // tf.nn.leaky_relu's
        rename(keywords, "clip_value_min", options, "x_min");
        rename(keywords, "clip_value_max", options, "x_max");
        rename(keywords, "approximate", options, "approximate");
        if (function.equals("gelu")) {
            options.putIfAbsent("approximate", false); // tf.nn.gelu's default, unlike keras.ops.gelu's
        }
        for (String flag : List.of("transpose_a", "transpose_b", "adjoint_a", "adjoint_b", "a_is_sparse",
                "b_is_sparse", "conjugate")) {
            if (Boolean.TRUE.equals(keywords.remove(flag))) {
                throw unsupported(source, className, name, "tf." + tfFunction + " with " + flag + "=True");
            }
            keywords.remove(flag);
        }
        keywords.remove("output_type");
        if (!keywords.isEmpty()) {
            throw unsupported(source, className, name, "tf." + tfFunction + " with arguments " + keywords.keySet());
        }
        if (options.get("key") != null) {
            options.put("key", sliceKey(options.get("key")));
        }
        if (function.equals("reshape") && options.get("newshape") instanceof List<?> shape && !shape.isEmpty()
                && shape.get(0) == null) {
            List<Object> open = new ArrayList<>(shape);
            open.set(0, -1); // the batch axis
            options.put("newshape", open);
        }
        return options;
    }

    /** SlicingOpLambda's slice_spec in kinspect's key form. */
    private static Object sliceKey(Object spec) {
        if (spec instanceof List<?> items) {
            List<Object> key = new ArrayList<>();
            items.forEach(item -> key.add(sliceKey(item)));
            return key;
        }
        if (spec == null) {
            return "newaxis";
        }
        if (spec instanceof Map<?, ?> map && map.containsKey("start") && map.containsKey("stop")) {
            List<Object> bounds = new ArrayList<>();
            bounds.add(map.get("start"));
            bounds.add(map.get("stop"));
            bounds.add(map.get("step"));
            Map<String, Object> slice = new LinkedHashMap<>();
            slice.put("slice", bounds);
            return slice;
        }
        if (spec instanceof Map<?, ?> map && "__ellipsis__".equals(map.get("class_name"))
                || "...".equals(spec) || "Ellipsis".equals(spec)) {
            return "...";
        }
        return spec;
    }

    private static void rename(Map<String, Object> from, String key, Map<String, Object> to, String newKey) {
        if (from.containsKey(key)) {
            to.put(newKey, from.remove(key));
        }
    }

    /**
     * The call's first argument: one tensor entry, a constant entry, or a list of them (tf.concat);
     * each entry carries the call's keyword arguments.
     */
    private static Object firstArgument(Object data, List<Object> inboundNode, Map<String, Object> keywords) {
        if (data instanceof List<?> entry && !entry.isEmpty() && entry.get(0) instanceof String layer) {
            if (entry.size() > 3 && entry.get(3) instanceof Map<?, ?> kwargs) {
                kwargs.forEach((key, value) -> keywords.put(String.valueOf(key), value));
            }
            if (CONSTANT.equals(layer)) {
                return entry.size() > 2 ? entry.get(2) : null;
            }
            return tensor(entry, inboundNode);
        }
        if (data instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            for (Object item : list) {
                items.add(firstArgument(item, inboundNode, keywords));
            }
            return items;
        }
        return data;
    }

    /** A keyword argument: {@code [layer, node, index]} is a tensor, anything else a constant. */
    private static Object keywordArgument(Object value, List<Object> inboundNode) {
        if (value instanceof List<?> entry && entry.size() == 3 && entry.get(0) instanceof String
                && entry.get(1) instanceof Number && entry.get(2) instanceof Number) {
            return tensor(entry, inboundNode);
        }
        return value;
    }

    private static Map<String, Object> tensor(List<?> entry, List<Object> inboundNode) {
        List<Object> reference = new ArrayList<>(entry.subList(0, 3));
        reference.add(new LinkedHashMap<>());
        int index = inboundNode.indexOf(reference);
        if (index < 0) {
            index = inboundNode.size();
            inboundNode.add(reference);
        }
        return OperationLayers.tensorArgument(index);
    }

    private static Map<String, Object> graphOp(Map<String, Object> layer, String source) {
        Map<String, Object> config = ConfigNormalizer.asMap(layer.get("config"), source, "layer config");
        String name = layerName(layer, config);
        Map<String, Object> nodeDef = ConfigNormalizer.asMap(config.get("node_def"), source, "node_def");
        String op = String.valueOf(nodeDef.get("op"));
        String function = GRAPH_OPS.get(op);
        if (function == null) {
            throw unsupported(source, "TensorFlowOpLayer", name, "TensorFlow " + op);
        }
        Map<?, ?> constants = config.get("constants") instanceof Map<?, ?> map ? map : Map.of();
        List<Object> tensors = new ArrayList<>();
        for (Object node : layer.get("inbound_nodes") instanceof List<?> nodes ? nodes : List.of()) {
            if (node instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof List<?> tensor && !tensor.isEmpty() && tensor.get(0) instanceof String) {
                        tensors.add(tensor);
                    }
                }
            }
        }
        int inputCount = nodeDef.get("input") instanceof List<?> inputs ? inputs.size() : tensors.size();
        List<Object> inboundNode = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < inputCount; i++) {
            Object constant = constants.get(String.valueOf(i));
            if (constant != null || constants.containsKey(String.valueOf(i))) {
                arguments.add(constant);
            } else if (next < tensors.size()) {
                arguments.add(tensor((List<?>) tensors.get(next++), inboundNode));
            }
        }
        Map<String, Object> options = new LinkedHashMap<>();
        Map<?, ?> attributes = nodeDef.get("attr") instanceof Map<?, ?> attr ? attr : Map.of();
        for (String flag : List.of("transpose_a", "transpose_b", "adj_x", "adj_y")) {
            if (attributes.get(flag) instanceof Map<?, ?> value && Boolean.TRUE.equals(value.get("b"))) {
                throw unsupported(source, "TensorFlowOpLayer", name, "TensorFlow " + op + " with " + flag);
            }
        }
        switch (function) {
            case "transpose" -> options.put("axes", arguments.remove(1));
            case "reshape" -> options.put("newshape", arguments.remove(1));
            case "expand_dims" -> options.put("axis", arguments.remove(1));
            case "mean", "sum", "max", "min" -> {
                options.put("axis", arguments.remove(1));
                options.put("keepdims", attributes.get("keep_dims") instanceof Map<?, ?> keep
                        && Boolean.TRUE.equals(keep.get("b")));
            }
            case "concatenate" -> {
                options.put("axis", arguments.remove(arguments.size() - 1));
                arguments = new ArrayList<>(List.of(new ArrayList<>(arguments)));
            }
            default -> { }
        }
        return OperationLayers.layer("TensorFlowOpLayer", name, function, arguments, options, inboundNode, null);
    }

    private static String layerName(Map<String, Object> layer, Map<String, Object> config) {
        return String.valueOf(layer.containsKey("name") ? layer.get("name") : config.get("name"));
    }

    private static KinspectException unsupported(String source, String className, String name, String op) {
        return KinspectException.unsupported(source + ": unsupported op " + op + " in layer '" + name + "' ("
                + className + "); kinspect computes the element-wise arithmetic, comparison and math ops, matmul,"
                + " reshaping, slicing, concatenation and axis reductions of TensorFlow so far");
    }
}
