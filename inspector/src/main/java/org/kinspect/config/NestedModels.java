package org.kinspect.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.catalog.KerasClass.Trait;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.errors.KinspectException;

/**
 * Inlines models used as layers (a Sequential or Functional model inside a functional one), which
 * DL4J cannot import as such: the nested model's layers take its place, named
 * {@code MODEL/LAYER} (the keys its weights have, see {@code WeightStore}), called on what the
 * nested model was called on, and an identity layer named after the nested model gives its
 * output, as Keras shows it.
 *
 * <p>A TimeDistributed around a model becomes a TimeDistributed around each of its layers,
 * named {@code WRAPPER/LAYER}.
 *
 * <pre>{@code
 * // x -> inner(Sequential: inner_dense -> inner_out) -> head   becomes
 * // x -> inner/inner_dense -> inner/inner_out -> inner (identity) -> head
 * }</pre>
 */
public final class NestedModels {
    private NestedModels() {}

    /**
     * @param className a layer entry's {@code class_name}
     * @return true for a model used as a layer: Sequential, Functional or Model
     */
    public static boolean isModel(Object className) {
        return KerasClasses.has(String.valueOf(className), Trait.MODEL);
    }

    /**
     * @param functional a functional configuration in Keras 2 form ({@code layers},
     *     {@code input_layers}, {@code output_layers}), changed in place
     * @param kerasMajorVersion the Keras that wrote it
     * @param source the file, for messages
     */
    @SuppressWarnings("unchecked")
    static void inline(Map<String, Object> functional, int kerasMajorVersion, String source) {
        List<Object> inlined = new ArrayList<>();
        boolean changed = false;
        for (Object layerObject : ConfigNormalizer.asList(functional.get("layers"), source, "layers")) {
            Map<String, Object> layer = ConfigNormalizer.asMap(layerObject, source, "layer");
            if (isModel(layer.get("class_name"))) {
                inlined.addAll(inlineOne(layer, kerasMajorVersion, source));
                changed = true;
            } else if (wrapsModel(layer)) {
                inlined.addAll(distributeOne(layer, kerasMajorVersion, source));
                changed = true;
            } else {
                inlined.add(layer);
            }
        }
        if (changed) {
            functional.put("layers", inlined);
        }
    }

    private static List<Object> inlineOne(Map<String, Object> nested, int kerasMajorVersion, String source) {
        String className = String.valueOf(nested.get("class_name"));
        Map<String, Object> config = ConfigNormalizer.asMap(nested.get("config"), source, "nested model config");
        String name = String.valueOf(nested.containsKey("name") ? nested.get("name") : config.get("name"));
        Map<String, Object> inner = className.equals("Sequential")
                ? SequentialConfig.toFunctional(config, kerasMajorVersion, source)
                : new LinkedHashMap<>(config);
        SharedLayers.expand(inner, source); // layers shared inside it
        inline(inner, kerasMajorVersion, source); // models nested deeper
        // A later call of a shared model computes with the weights of the model called.
        String weightsOwner = String.valueOf(nested.getOrDefault(LayerNotes.CALL_OF, name));
        List<Object> calls = nested.get("inbound_nodes") instanceof List<?> nodes ? new ArrayList<>(nodes) : List.of();
        if (calls.size() != 1) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (" + className
                    + "): a nested model called " + calls.size() + " times is not supported yet");
        }
        List<Object> callTensors = tensorsOf(calls.get(0));
        List<String> inputs = ConfigNormalizer.endpointNames(inner.get("input_layers"), source);
        List<String> outputs = ConfigNormalizer.endpointNames(inner.get("output_layers"), source);
        if (inputs.size() != callTensors.size() || outputs.size() != 1) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (" + className + "): a nested"
                    + " model with " + inputs.size() + " inputs and " + outputs.size() + " outputs called on "
                    + callTensors.size() + " tensors is not supported yet");
        }
        // Inside, an input stands for the tensor the nested model was called on.
        Map<String, List<Object>> replacements = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            replacements.put(inputs.get(i), asList(callTensors.get(i)));
        }
        List<Object> layers = new ArrayList<>();
        for (Object layerObject : ConfigNormalizer.asList(inner.get("layers"), source, "layers")) {
            Map<String, Object> layer = new LinkedHashMap<>(ConfigNormalizer.asMap(layerObject, source, "layer"));
            Map<String, Object> layerConfig = new LinkedHashMap<>(
                    ConfigNormalizer.asMap(layer.get("config"), source, "layer config"));
            String innerName = String.valueOf(layer.containsKey("name") ? layer.get("name") : layerConfig.get("name"));
            if (inputs.contains(innerName)) {
                continue;
            }
            layerConfig.put("name", name + "/" + innerName);
            if (!weightsOwner.equals(name) || layerConfig.containsKey(LayerNotes.CALL_OF)) {
                layerConfig.put(LayerNotes.CALL_OF, weightsOwner + "/"
                        + layerConfig.getOrDefault(LayerNotes.CALL_OF, innerName));
            }
            layer.put("config", layerConfig);
            layer.put("name", name + "/" + innerName);
            layer.put("inbound_nodes", renamed(layer.get("inbound_nodes"), name, replacements));
            layers.add(layer);
        }
        layers.add(identity(name, className, name + "/" + outputs.get(0), kerasMajorVersion));
        return layers;
    }

    /** @return true for a TimeDistributed around a model */
    private static boolean wrapsModel(Map<String, Object> layer) {
        return "TimeDistributed".equals(layer.get("class_name")) && layer.get("config") instanceof Map<?, ?> config
                && config.get("layer") instanceof Map<?, ?> wrapped && isModel(wrapped.get("class_name"));
    }

    /**
     * A TimeDistributed around a model becomes a TimeDistributed around each of the model's
     * layers, named {@code WRAPPER/LAYER} (the keys its weights have), wired as in the model; a
     * merge layer inside (Add, Concatenate...) reads several tensors and is applied as it is, which
     * on every step at once is the same. An identity layer named after the wrapper gives the
     * model's output.
     *
     * <pre>{@code
     * // frames -> td(Sequential: conv -> flat)   becomes
     * // frames -> td/conv (TimeDistributed) -> td/flat (TimeDistributed) -> td (identity)
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    private static List<Object> distributeOne(Map<String, Object> wrapper, int kerasMajorVersion, String source) {
        Map<String, Object> wrapperConfig = ConfigNormalizer.asMap(wrapper.get("config"), source, "layer config");
        String name = String.valueOf(wrapper.containsKey("name") ? wrapper.get("name") : wrapperConfig.get("name"));
        Map<String, Object> model = (Map<String, Object>) wrapperConfig.get("layer");
        String className = String.valueOf(model.get("class_name"));
        List<Object> calls = wrapper.get("inbound_nodes") instanceof List<?> nodes ? new ArrayList<>(nodes) : List.of();
        List<Object> callTensors = calls.size() == 1 ? tensorsOf(calls.get(0)) : List.of();
        Map<String, Object> inner = className.equals("Sequential")
                ? SequentialConfig.toFunctional(model.get("config"), kerasMajorVersion, source)
                : new LinkedHashMap<>(ConfigNormalizer.asMap(model.get("config"), source, "model config"));
        List<String> inputs = ConfigNormalizer.endpointNames(inner.get("input_layers"), source);
        List<String> outputs = ConfigNormalizer.endpointNames(inner.get("output_layers"), source);
        if (callTensors.size() != 1 || inputs.size() != 1 || outputs.size() != 1) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (TimeDistributed): a"
                    + " TimeDistributed " + className + " model with " + inputs.size() + " inputs and " + outputs.size()
                    + " outputs called on " + callTensors.size() + " tensors is not supported yet");
        }
        SharedLayers.expand(inner, source); // layers shared inside it
        // A later call of a shared TimeDistributed computes with the weights of the layer called.
        Object weightsOwner = wrapperConfig.get(LayerNotes.CALL_OF);
        Map<String, List<Object>> replacements = Map.of(inputs.get(0), asList(callTensors.get(0)));
        List<Object> layers = new ArrayList<>();
        for (Object layerObject : ConfigNormalizer.asList(inner.get("layers"), source, "layers")) {
            Map<String, Object> layer = ConfigNormalizer.asMap(layerObject, source, "layer");
            Map<String, Object> layerConfig = new LinkedHashMap<>(
                    ConfigNormalizer.asMap(layer.get("config"), source, "layer config"));
            String innerName = String.valueOf(layer.containsKey("name") ? layer.get("name") : layerConfig.get("name"));
            if (inputs.contains(innerName)) {
                continue;
            }
            if (isModel(layer.get("class_name"))) {
                throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' (TimeDistributed):"
                        + " its model holds a model, '" + innerName + "', which is not supported yet");
            }
            String distributedName = name + "/" + innerName;
            Object owner = weightsOwner == null && !layerConfig.containsKey(LayerNotes.CALL_OF) ? null
                    : (weightsOwner == null ? name : weightsOwner) + "/"
                            + layerConfig.getOrDefault(LayerNotes.CALL_OF, innerName);
            layerConfig.remove(LayerNotes.CALL_OF);
            List<Object> inbound = renamed(layer.get("inbound_nodes"), name, replacements);
            Map<String, Object> distributed = new LinkedHashMap<>();
            Map<String, Object> config;
            if (inbound.size() == 1 && tensorsOf(inbound.get(0)).size() > 1) {
                // a merge: on the whole sequence at once
                distributed.put("class_name", layer.get("class_name"));
                config = layerConfig;
            } else {
                Map<String, Object> wrapped = new LinkedHashMap<>();
                wrapped.put("class_name", layer.get("class_name"));
                wrapped.put("config", layerConfig);
                distributed.put("class_name", "TimeDistributed");
                config = new LinkedHashMap<>();
                config.put("trainable", wrapperConfig.getOrDefault("trainable", true));
                config.put("layer", wrapped);
            }
            config.put("name", distributedName);
            if (owner != null) {
                config.put(LayerNotes.CALL_OF, owner);
            }
            distributed.put("name", distributedName);
            distributed.put("config", config);
            distributed.put("inbound_nodes", inbound);
            layers.add(distributed);
        }
        layers.add(identity(name, "TimeDistributed", name + "/" + outputs.get(0), kerasMajorVersion));
        return layers;
    }

    /** Each call's tensors, with inner layer names prefixed and inner inputs replaced. */
    private static List<Object> renamed(Object inboundNodes, String prefix, Map<String, List<Object>> replacements) {
        List<Object> nodes = new ArrayList<>();
        if (inboundNodes instanceof List<?> calls) {
            for (Object call : calls) {
                List<Object> node = new ArrayList<>();
                for (Object tensor : tensorsOf(call)) {
                    List<Object> renamed = new ArrayList<>(asList(tensor));
                    String layer = String.valueOf(renamed.get(0));
                    if (replacements.containsKey(layer)) {
                        renamed = new ArrayList<>(replacements.get(layer));
                    } else {
                        renamed.set(0, prefix + "/" + layer);
                    }
                    node.add(renamed);
                }
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** Keras 2 writes a call as a list of tensors, or a single tensor flat. */
    private static List<Object> tensorsOf(Object call) {
        List<Object> tensors = new ArrayList<>();
        if (call instanceof List<?> list) {
            if (!list.isEmpty() && list.get(0) instanceof String) {
                tensors.add(list);
            } else {
                for (Object tensor : list) {
                    if (tensor instanceof List<?>) {
                        tensors.add(tensor);
                    }
                }
            }
        }
        return tensors;
    }

    private static Map<String, Object> identity(String name, String className, String input, int kerasMajorVersion) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", true);
        config.put("activation", "linear");
        config.put(LayerNotes.NESTED_MODEL_CLASS, className);
        List<Object> tensor = new ArrayList<>(List.of(input, 0, 0));
        if (kerasMajorVersion != 1) {
            tensor.add(new LinkedHashMap<>());
        }
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("class_name", "Activation");
        layer.put("name", name);
        layer.put("config", config);
        layer.put("inbound_nodes", new ArrayList<>(List.of(new ArrayList<>(List.of(tensor)))));
        return layer;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return (List<Object>) value;
    }
}
