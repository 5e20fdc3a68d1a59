package org.kinspect.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.config.Keras3CallArguments.KerasTensor;
import org.kinspect.errors.KinspectException;

/**
 * Rewrites a Keras 3 configuration (from a {@code .keras} zip, a Keras 3 {@code .h5}, or the hybrid
 * {@code .keras} files of tf.keras 2.13-2.15) in the Keras 2 form DL4J's layer mappers read:
 *
 * <ul>
 *   <li>serialized objects {@code {module, class_name, config, registered_name}} become
 *       {@code {class_name, config}} (initializers, regularizers, constraints, wrapped layers);
 *       dtype policies become their name ({@code "float32"});
 *   <li>an InputLayer's {@code batch_shape} becomes {@code batch_input_shape}; a Sequential model
 *       saved without one gets the InputLayer Keras builds from its {@code build_input_shape};
 *   <li>{@code {"args": ..., "kwargs": ...}} calls become {@code [[layer, node, tensor, {}]]};
 *   <li>operation nodes become merge layers, or are dropped when they only compute the mask that
 *       a Masking or Embedding layer hands to the next layer (DL4J computes it itself).
 * </ul>
 *
 * Initial states passed as {@code initial_state=} follow the layer's input, as in Keras 2. Other
 * tensor arguments (an explicit mask computed in the model) and other ops are refused with a
 * message naming the layer.
 */
final class Keras3Config {
    private final String source;

    private Keras3Config(String source) {
        this.source = source;
    }

    /**
     * @param model a parsed model configuration in Keras 3 (or hybrid tf.keras) form
     * @param source the file, for messages
     * @return the same model in Keras 2 form: {@code {"class_name": "Sequential"|"Functional", "config": ...}}
     */
    static Map<String, Object> toKeras2(Map<String, Object> model, String source) {
        return new Keras3Config(source).model(model);
    }

    /** @return true when a configuration holds Keras 3 serialized objects (a hybrid tf.keras file does) */
    static boolean hasKeras3Objects(Map<String, Object> model) {
        return model.containsKey("module") || model.containsKey("registered_name");
    }

    private Map<String, Object> model(Map<String, Object> model) {
        String className = String.valueOf(model.get("class_name"));
        if (!NestedModels.isModel(className)) {
            return model; // ConfigNormalizer says what it is instead
        }
        Map<String, Object> config = ConfigNormalizer.asMap(model.get("config"), source, "config");
        Map<String, Object> converted = new LinkedHashMap<>();
        converted.put("name", config.getOrDefault("name", className.toLowerCase(java.util.Locale.ROOT)));
        if (config.containsKey("trainable")) {
            converted.put("trainable", config.get("trainable"));
        }
        List<Object> layerEntries = ConfigNormalizer.asList(config.get("layers"), source, "layers");
        Map<String, Object> keras2 = new LinkedHashMap<>();
        if (className.equals("Sequential")) {
            converted.put("layers", sequentialLayers(layerEntries, model, config));
            keras2.put("class_name", "Sequential");
        } else {
            converted.put("layers", functionalLayers(layerEntries, config));
            converted.put("input_layers", endpoints(config.get("input_layers")));
            converted.put("output_layers", endpoints(config.get("output_layers")));
            keras2.put("class_name", "Functional");
        }
        keras2.put("config", converted);
        return keras2;
    }

    private List<Object> sequentialLayers(List<Object> entries, Map<String, Object> model, Map<String, Object> config) {
        List<Object> layers = new ArrayList<>();
        for (Object entry : entries) {
            layers.add(layer(ConfigNormalizer.asMap(entry, source, "layer")));
        }
        boolean startsWithInput = !layers.isEmpty()
                && "InputLayer".equals(((Map<?, ?>) layers.get(0)).get("class_name"));
        List<?> shape = buildShape(model, config);
        if (!startsWithInput && shape != null) {
            // What Keras 3 does when it rebuilds the model from build_input_shape.
            Map<String, Object> inputConfig = new LinkedHashMap<>();
            inputConfig.put("batch_input_shape", new ArrayList<>(shape));
            inputConfig.put("dtype", "float32");
            inputConfig.put("name", "input_layer");
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("class_name", "InputLayer");
            input.put("config", inputConfig);
            layers.add(0, input);
        }
        return layers;
    }

    private static List<?> buildShape(Map<String, Object> model, Map<String, Object> config) {
        if (config.get("build_input_shape") instanceof List<?> shape) {
            return shape;
        }
        if (model.get("build_config") instanceof Map<?, ?> build && build.get("input_shape") instanceof List<?> shape) {
            return shape;
        }
        return null;
    }

    private List<Object> functionalLayers(List<Object> entries, Map<String, Object> config) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        Map<String, List<Keras3CallArguments>> calls = new HashMap<>();
        for (Object entryObject : entries) {
            Map<String, Object> entry = ConfigNormalizer.asMap(entryObject, source, "layer");
            String name = layerName(entry);
            byName.put(name, entry);
            List<Keras3CallArguments> nodeCalls = new ArrayList<>();
            if (entry.get("inbound_nodes") instanceof List<?> nodes) {
                for (Object node : nodes) {
                    if (Keras3CallArguments.isKeras3Node(node)) {
                        nodeCalls.add(Keras3CallArguments.read(node, source));
                    }
                }
            }
            calls.put(name, nodeCalls);
        }
        Set<String> maskOnlyOps = maskOnlyOperations(byName, calls, config);
        List<Object> layers = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> named : byName.entrySet()) {
            String name = named.getKey();
            Map<String, Object> entry = named.getValue();
            if (Keras3Operations.isOperation(entry)) {
                if (!maskOnlyOps.contains(name)) {
                    layers.add(Keras3Operations.asLayer(entry, single(calls.get(name), name, entry), source));
                }
                continue;
            }
            Map<String, Object> layer = layer(entry);
            if (AttentionCall.CLASSES.contains(String.valueOf(entry.get("class_name")))) {
                attentionCall(name, entry, layer, calls.get(name));
            } else if (!calls.get(name).isEmpty()) {
                List<Object> nodes = new ArrayList<>();
                for (Keras3CallArguments call : calls.get(name)) {
                    nodes.add(keras2Node(name, entry, call, byName, calls, maskOnlyOps));
                }
                layer.put("inbound_nodes", nodes);
            }
            layers.add(layer);
        }
        return layers;
    }

    /**
     * An attention layer's inbound node lists each tensor it takes once; which is the query, the
     * value, the key and the mask goes into its config ({@link AttentionCall}).
     */
    @SuppressWarnings("unchecked")
    private void attentionCall(String name, Map<String, Object> entry, Map<String, Object> layer,
            List<Keras3CallArguments> layerCalls) {
        if (layerCalls.isEmpty()) {
            return;
        }
        String className = String.valueOf(entry.get("class_name"));
        if (layerCalls.size() != 1) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (" + className
                    + "): it is called " + layerCalls.size() + " times; shared attention layers are not supported yet");
        }
        AttentionCalls.Read read = AttentionCalls.read(name, className, layerCalls.get(0), source);
        List<Object> node = new ArrayList<>();
        read.tensors().forEach(tensor -> node.add(tensor.keras2Form()));
        List<Object> nodes = new ArrayList<>();
        nodes.add(node);
        layer.put("inbound_nodes", nodes);
        ((Map<String, Object>) layer.get("config")).put(LayerNotes.ATTENTION_CALL, read.call().toConfig());
    }

    private Keras3CallArguments single(List<Keras3CallArguments> calls, String name, Map<String, Object> entry) {
        if (calls.size() != 1) {
            throw Keras3Operations.unsupported(source, String.valueOf(entry.get("class_name")), name,
                    " called " + calls.size() + " times");
        }
        return calls.get(0);
    }

    /**
     * Ops whose results reach no layer except as a {@code mask} argument: the mask a Masking layer
     * computes for the next one ({@code not_equal}, {@code any}).
     */
    private static Set<String> maskOnlyOperations(Map<String, Map<String, Object>> byName,
            Map<String, List<Keras3CallArguments>> calls, Map<String, Object> config) {
        Set<String> dropped = new HashSet<>();
        Set<String> outputs = new HashSet<>(endpointNames(config.get("output_layers")));
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> used = new HashSet<>(outputs);
            for (Map.Entry<String, List<Keras3CallArguments>> call : calls.entrySet()) {
                if (dropped.contains(call.getKey())) {
                    continue;
                }
                for (Keras3CallArguments arguments : call.getValue()) {
                    arguments.tensors().forEach(tensor -> used.add(tensor.layer()));
                }
            }
            for (Map.Entry<String, Map<String, Object>> named : byName.entrySet()) {
                if (Keras3Operations.isOperation(named.getValue()) && !used.contains(named.getKey())
                        && dropped.add(named.getKey())) {
                    changed = true;
                }
            }
        }
        return dropped;
    }

    /**
     * The call as a Keras 2 inbound node: its input tensors, then a recurrent layer's initial
     * states (where Keras 2 put them). The mask of a Masking or Embedding layer is left out, as
     * Keras 2 left it out: the importer recomputes it. Any other tensor argument is refused.
     */
    private List<Object> keras2Node(String name, Map<String, Object> entry, Keras3CallArguments call,
            Map<String, Map<String, Object>> byName, Map<String, List<Keras3CallArguments>> calls,
            Set<String> maskOnlyOps) {
        List<Object> node = call.keras2Node();
        for (Map.Entry<String, List<KerasTensor>> keyword : call.tensorKeywords().entrySet()) {
            String argument = keyword.getKey();
            if (argument.equals("initial_state")) {
                keyword.getValue().forEach(state -> node.add(state.keras2Form()));
                continue;
            }
            if (argument.equals("mask") && maskComesFromMaskingLayer(keyword.getValue(), byName, calls, maskOnlyOps)) {
                continue;
            }
            String why = argument.equals("mask")
                    ? "it is given a mask tensor computed in the model, which is not supported yet; only the masks"
                            + " of Masking and Embedding(mask_zero=True) layers are"
                    : "it takes the tensor argument '" + argument + "', which is not supported yet";
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' ("
                    + entry.get("class_name") + "): " + why);
        }
        return node;
    }

    /**
     * A mask that the importer recomputes from the model's structure, as for Keras 2 files, whose
     * configurations never record masks: one that Keras computed with mask-only ops from what a
     * Masking layer or an Embedding with {@code mask_zero} reads (possibly handed on through other
     * layers). A mask tensor computed any other way is refused rather than dropped.
     */
    private static boolean maskComesFromMaskingLayer(List<KerasTensor> mask, Map<String, Map<String, Object>> byName,
            Map<String, List<Keras3CallArguments>> calls, Set<String> maskOnlyOps) {
        Set<String> maskedInputs = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> named : byName.entrySet()) {
            Map<String, Object> entry = named.getValue();
            boolean masks = "Masking".equals(entry.get("class_name")) || ("Embedding".equals(entry.get("class_name"))
                    && entry.get("config") instanceof Map<?, ?> config && Boolean.TRUE.equals(config.get("mask_zero")));
            if (masks) {
                calls.get(named.getKey()).forEach(call -> call.tensors().forEach(t -> maskedInputs.add(t.layer())));
            }
        }
        List<KerasTensor> pending = new ArrayList<>(mask);
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String producer = pending.remove(pending.size() - 1).layer();
            if (!seen.add(producer)) {
                continue;
            }
            if (!maskOnlyOps.contains(producer)) {
                if (!maskedInputs.contains(producer)) {
                    return false;
                }
                continue;
            }
            for (Keras3CallArguments call : calls.get(producer)) {
                pending.addAll(call.tensors());
            }
        }
        return true;
    }

    /**
     * @return the number of steps of the first tensor the layer is called on, as the call records its
     *     shape (batch, steps), or null when it is open or not recorded
     */
    private Object recordedSteps(Map<String, Object> entry) {
        if (entry.get("inbound_nodes") instanceof List<?> nodes && !nodes.isEmpty()
                && Keras3CallArguments.isKeras3Node(nodes.get(0))) {
            List<Keras3CallArguments.KerasTensor> tensors = Keras3CallArguments.read(nodes.get(0), source).tensors();
            List<Object> shape = tensors.isEmpty() ? null : tensors.get(0).shape();
            if (shape != null && shape.size() == 2 && shape.get(1) instanceof Number steps) {
                return steps.intValue();
            }
        }
        return null;
    }

    /** One layer entry in Keras 2 form; its inbound nodes are converted by the caller. */
    private Map<String, Object> layer(Map<String, Object> entry) {
        String className = String.valueOf(entry.get("class_name"));
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("class_name", className);
        if (NestedModels.isModel(className)) {
            layer.put("config", model(entry).get("config"));
        } else {
            Map<String, Object> config = ConfigNormalizer.asMap(entry.get("config"), source, "layer config");
            Map<String, Object> converted = layerConfig(className, config, entry);
            if (entry.get("registered_name") instanceof String registered && registered.contains(">")) {
                converted.put("registered_name", registered); // a custom layer, registered by this name
            }
            layer.put("config", converted);
        }
        if (entry.containsKey("name")) {
            layer.put("name", entry.get("name"));
        }
        if (entry.get("inbound_nodes") instanceof List<?> nodes) {
            // Keras 2 and hybrid tf.keras nodes are lists already; Keras 3 ones are replaced later.
            layer.put("inbound_nodes", nodes.stream().anyMatch(Keras3CallArguments::isKeras3Node)
                    ? new ArrayList<>() : nodes);
        }
        return layer;
    }

    private Map<String, Object> layerConfig(String className, Map<String, Object> config, Map<String, Object> entry) {
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : config.entrySet()) {
            String key = field.getKey();
            Object value = field.getValue();
            if ((key.equals("layer") || key.equals("backward_layer")) && value instanceof Map<?, ?> wrapped) {
                Map<String, Object> wrappedLayer = layer(ConfigNormalizer.asMap(wrapped, source, key));
                if (wrapped.get("build_config") instanceof Map<?, ?> build) {
                    // the shape of one step a TimeDistributed hands it: whether its steps are vectors
                    wrappedLayer.put("build_config", value(build));
                }
                converted.put(key, wrappedLayer);
            } else {
                converted.put(key, value(value));
            }
        }
        switch (className) {
            case "InputLayer" -> {
                Object shape = converted.remove("batch_shape");
                if (shape != null) {
                    converted.put("batch_input_shape", shape);
                }
                converted.remove("optional");
            }
            // Keras 3 infers it from the tokens the layer is called on, whose shape the call records;
            // DL4J types the output from it (without it, a Flatten after the Embedding lost the steps)
            case "Embedding" -> converted.putIfAbsent("input_length", recordedSteps(entry));
            default -> { }
        }
        for (String activation : List.of("activation", "recurrent_activation")) {
            if ("silu".equals(converted.get(activation))) {
                converted.put(activation, "swish"); // Keras 3's name for Keras 2's swish
            }
        }
        return converted;
    }

    /** Any configuration value, with serialized objects in Keras 2 form. */
    private Object value(Object value) {
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>();
            for (Object item : list) {
                converted.add(value(item));
            }
            return converted;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Object className = map.get("class_name");
        if (className instanceof String name && map.containsKey("config")) {
            Object config = map.get("config");
            if (name.endsWith("DTypePolicy") && config instanceof Map<?, ?> policy) {
                return policy.get("name");
            }
            if (name.equals("function") && config instanceof String function) {
                return function; // a built-in activation, serialized as an object
            }
            Map<String, Object> keras2 = new LinkedHashMap<>();
            keras2.put("class_name", name);
            keras2.put("config", value(config));
            if (map.get("registered_name") instanceof String registered && registered.contains(">")) {
                // A custom object (MyPkg>SmallPositive): users register Java implementations by this name.
                keras2.put("registered_name", registered);
            }
            return keras2;
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : map.entrySet()) {
            converted.put(String.valueOf(field.getKey()), value(field.getValue()));
        }
        return converted;
    }

    /** Keras 3 writes a single endpoint flat, {@code ["x", 0, 0]}; Keras 2 always as a list of them. */
    private List<Object> endpoints(Object endpoints) {
        if (!(endpoints instanceof List<?> list)) {
            return new ArrayList<>();
        }
        if (!list.isEmpty() && list.get(0) instanceof String) {
            List<Object> wrapped = new ArrayList<>();
            wrapped.add(new ArrayList<>(list));
            return wrapped;
        }
        return new ArrayList<>(list);
    }

    private static List<String> endpointNames(Object endpoints) {
        List<String> names = new ArrayList<>();
        if (endpoints instanceof List<?> list) {
            if (!list.isEmpty() && list.get(0) instanceof String name) {
                names.add(name);
            } else {
                for (Object endpoint : list) {
                    if (endpoint instanceof List<?> triple && !triple.isEmpty()) {
                        names.add(String.valueOf(triple.get(0)));
                    }
                }
            }
        }
        return names;
    }

    private static String layerName(Map<String, Object> entry) {
        Object name = entry.get("name");
        if (name == null && entry.get("config") instanceof Map<?, ?> config) {
            name = config.get("name");
        }
        return String.valueOf(name);
    }
}
