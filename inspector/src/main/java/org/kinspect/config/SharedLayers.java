package org.kinspect.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.errors.KinspectException;

/**
 * Gives every call of a shared layer (one layer called more than once, e.g. one Dense applied to
 * two inputs, or a model used as a layer twice) a layer of its own, so that the graph stage sees
 * plain layers called once: DL4J's graph has one vertex per layer, and a second call would wire
 * the vertex to itself.
 *
 * <p>The first call keeps the layer's name; call {@code k} (Keras's node index) becomes a copy
 * named {@code LAYER@k}, which takes its weights from the layer called (see
 * {@link LayerSpec#weightsOwner()}). Keras's reference files ({@code keras_reference.py}) record
 * {@code layer.output}, the first call, under the layer name; the later calls are kinspect's own
 * {@code LAYER@1}, {@code LAYER@2}... (a layer's extra outputs stay {@code LAYER__1}..., so a later
 * call's extra outputs are {@code LAYER@1__1}...).
 *
 * <pre>{@code
 * // left -> shared, right -> shared, [shared (call 0), shared (call 1)] -> joined   becomes
 * // left -> shared, right -> shared@1, [shared, shared@1] -> joined
 * }</pre>
 */
final class SharedLayers {
    private static final String CALL_SEPARATOR = "@";

    private SharedLayers() {}

    /**
     * @param layer a layer name
     * @param call which call of it (Keras's node index)
     * @return the name of that call's layer: the layer's own name for the first call, else {@code LAYER@call}
     */
    static String callName(String layer, int call) {
        return call == 0 ? layer : layer + CALL_SEPARATOR + call;
    }

    /**
     * @param functional a functional configuration in Keras 2 form ({@code layers},
     *     {@code input_layers}, {@code output_layers}), changed in place when a layer is shared
     * @param source the file, for messages
     */
    static void expand(Map<String, Object> functional, String source) {
        List<Object> layers = ConfigNormalizer.asList(functional.get("layers"), source, "layers");
        Set<String> shared = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Object layerObject : layers) {
            Map<String, Object> layer = ConfigNormalizer.asMap(layerObject, source, "layer");
            names.add(name(layer, source));
            if (InboundNodes.callCount(layer.get("inbound_nodes")) > 1) {
                shared.add(name(layer, source));
            }
        }
        if (shared.isEmpty()) {
            return;
        }
        List<Object> expanded = new ArrayList<>();
        for (Object layerObject : layers) {
            Map<String, Object> layer = ConfigNormalizer.asMap(layerObject, source, "layer");
            String name = name(layer, source);
            if (!shared.contains(name)) {
                expanded.add(withRenamedInputs(layer, List.of(), shared));
                continue;
            }
            List<?> calls = (List<?>) layer.get("inbound_nodes");
            for (int call = 0; call < calls.size(); call++) {
                String callName = callName(name, call);
                if (call > 0 && names.contains(callName)) {
                    throw KinspectException.unsupported(source + ": cannot import layer '" + name + "' ("
                            + layer.get("class_name") + "): it is called " + calls.size() + " times and kinspect names"
                            + " its calls after the first '" + name + CALL_SEPARATOR + "N', but the model has a layer"
                            + " named '" + callName + "' already; rename that layer in Keras");
                }
                expanded.add(withRenamedInputs(call == 0 ? layer : copy(layer, name, callName, source),
                        List.of(calls.get(call)), shared));
            }
        }
        functional.put("layers", inputsBeforeReaders(expanded, source));
        functional.put("output_layers", renamedEndpoints(functional.get("output_layers"), shared));
    }

    /**
     * A later call's layer: the same configuration under the call's name, noting whose weights it
     * uses. A model used as a layer notes it beside its configuration, which Keras 1 and 2.0 wrote
     * as a bare list for a Sequential model; {@link NestedModels} hands it on to the model's layers.
     */
    private static Map<String, Object> copy(Map<String, Object> layer, String name, String callName, String source) {
        Map<String, Object> copy = new LinkedHashMap<>(layer);
        if (NestedModels.isModel(layer.get("class_name"))) {
            copy.put("name", callName);
            copy.put(LayerNotes.CALL_OF, name);
            if (layer.get("config") instanceof Map<?, ?> config) {
                Map<Object, Object> renamed = new LinkedHashMap<>(config);
                renamed.put("name", callName);
                copy.put("config", renamed);
            }
            return copy;
        }
        Map<String, Object> config = new LinkedHashMap<>(ConfigNormalizer.asMap(layer.get("config"), source,
                "layer config"));
        config.put("name", callName);
        config.put(LayerNotes.CALL_OF, name);
        copy.put("config", config);
        if (copy.containsKey("name")) {
            copy.put("name", callName);
        }
        return copy;
    }

    /**
     * @param calls the layer's calls to keep (one), or empty to keep all it has
     * @return the layer with the tensors it reads from a shared layer's call k read from that call's layer
     */
    private static Map<String, Object> withRenamedInputs(Map<String, Object> layer, List<Object> calls,
            Set<String> shared) {
        Map<String, Object> renamed = new LinkedHashMap<>(layer);
        if (layer.get("inbound_nodes") instanceof List<?> nodes) {
            List<Object> kept = new ArrayList<>();
            for (Object call : calls.isEmpty() ? nodes : calls) {
                kept.add(renamedCall(call, shared));
            }
            renamed.put("inbound_nodes", kept);
        }
        return renamed;
    }

    /** One call: a list of tensors, or a single tensor written flat ({@code ["dense_1", 0, 0, {}]}). */
    private static Object renamedCall(Object call, Set<String> shared) {
        if (!(call instanceof List<?> entries)) {
            return call;
        }
        if (!entries.isEmpty() && entries.get(0) instanceof String) {
            return renamedTensor(entries, shared);
        }
        List<Object> renamed = new ArrayList<>();
        for (Object entry : entries) {
            renamed.add(entry instanceof List<?> tensor ? renamedTensor(tensor, shared) : entry);
        }
        return renamed;
    }

    /** {@code [layer, node, index, kwargs]}: call {@code node} of a shared layer becomes its call's layer, node 0. */
    private static List<Object> renamedTensor(List<?> tensor, Set<String> shared) {
        List<Object> renamed = new ArrayList<>(tensor);
        String layer = String.valueOf(tensor.get(0));
        if (shared.contains(layer) && tensor.size() > 1 && tensor.get(1) instanceof Number node) {
            renamed.set(0, callName(layer, node.intValue()));
            renamed.set(1, 0);
        }
        if (tensor.size() > 3 && tensor.get(3) instanceof Map<?, ?> kwargs
                && kwargs.get("initial_state") instanceof List<?> states) {
            Map<Object, Object> renamedKwargs = new LinkedHashMap<>(kwargs);
            renamedKwargs.put("initial_state", !states.isEmpty() && states.get(0) instanceof String
                    ? renamedTensor(states, shared)
                    : states.stream().map(state -> state instanceof List<?> list ? renamedTensor(list, shared) : state)
                            .toList());
            renamed.set(3, renamedKwargs);
        }
        return renamed;
    }

    private static Object renamedEndpoints(Object endpoints, Set<String> shared) {
        if (!(endpoints instanceof List<?> list)) {
            return endpoints;
        }
        if (!list.isEmpty() && list.get(0) instanceof String) {
            return renamedTensor(list, shared); // a single endpoint written flat
        }
        return list.stream().map(endpoint -> endpoint instanceof List<?> tensor ? renamedTensor(tensor, shared)
                : endpoint).toList();
    }

    /**
     * The layers in their order, except that a layer comes only after the layers it reads: a later
     * call's copy stands where the layer stood, but it may read a layer Keras lists after it (the
     * second input of a shared Dense), and DL4J works out the layers' output types in list order.
     */
    private static List<Object> inputsBeforeReaders(List<Object> layers, String source) {
        Set<String> all = new HashSet<>();
        for (Object layer : layers) {
            all.add(name(ConfigNormalizer.asMap(layer, source, "layer"), source));
        }
        List<Object> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<Object> waiting = new ArrayList<>();
        for (Object layer : layers) {
            waiting.add(layer);
            boolean progress = true;
            while (progress) {
                progress = false;
                for (int i = 0; i < waiting.size(); i++) {
                    Map<String, Object> candidate = ConfigNormalizer.asMap(waiting.get(i), source, "layer");
                    boolean ready = InboundNodes.tensors(candidate.get("inbound_nodes")).stream()
                            .allMatch(tensor -> placed.contains(tensor.layer()) || !all.contains(tensor.layer()));
                    if (ready) {
                        ordered.add(waiting.remove(i));
                        placed.add(name(candidate, source));
                        progress = true;
                        break;
                    }
                }
            }
        }
        ordered.addAll(waiting); // a cycle: the graph stage says what is wrong with it
        return ordered;
    }

    private static String name(Map<String, Object> layer, String source) {
        if (layer.containsKey("name")) {
            return String.valueOf(layer.get("name"));
        }
        return String.valueOf(ConfigNormalizer.asMap(layer.get("config"), source, "layer config").get("name"));
    }
}
