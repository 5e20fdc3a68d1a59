package org.kinspect.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Node indices of nested model calls as a tf.keras SavedModel's metadata writes them, counted as an
 * HDF5 file's {@code model_config} counts them. In a Functional model the metadata calls a nested
 * model from node 1 (tf.keras gave the nested model a node 0 of its own when it was built, which
 * the HDF5 configuration leaves out) where the HDF5 configuration says node 0. Run on a
 * SavedModel's configuration only: a nested model referred to only with indices past its listed
 * calls was counted that way and is renumbered; others are left as they are.
 *
 * <pre>{@code
 * NestedModelCalls.renumber(model); // ["inner", 1, 0] becomes ["inner", 0, 0] when inner lists one call
 * }</pre>
 */
final class NestedModelCalls {

    private NestedModelCalls() {}

    /**
     * @param model a model configuration ({@code {"class_name": ..., "config": {"layers": ...}}}),
     *     changed in place, and the models nested in it
     */
    @SuppressWarnings("unchecked")
    static void renumber(Map<?, ?> model) {
        if (!(model.get("config") instanceof Map<?, ?> config) || !(config.get("layers") instanceof List<?> layers)) {
            return;
        }
        Map<String, Integer> callsByNestedModel = new HashMap<>();
        for (Object layerObject : layers) {
            if (layerObject instanceof Map<?, ?> layer && NestedModels.isModel(layer.get("class_name"))) {
                renumber(layer);
                String name = String.valueOf(layer.get("name") != null ? layer.get("name")
                        : layer.get("config") instanceof Map<?, ?> layerConfig ? layerConfig.get("name") : null);
                int calls = layer.get("inbound_nodes") instanceof List<?> nodes ? nodes.size() : 0;
                callsByNestedModel.put(name, calls);
            }
        }
        if (callsByNestedModel.isEmpty()) {
            return;
        }
        List<Object> everyReference = new ArrayList<>();
        for (Object layerObject : layers) {
            if (layerObject instanceof Map<?, ?> layer) {
                everyReference.add(layer.get("inbound_nodes"));
            }
        }
        everyReference.add(config.get("output_layers"));
        Map<String, Integer> highest = new HashMap<>();
        Map<String, Integer> lowest = new HashMap<>();
        forEachReference(everyReference, callsByNestedModel, (reference, name) -> {
            int node = ((Number) reference.get(1)).intValue();
            highest.merge(name, node, Math::max);
            lowest.merge(name, node, Math::min);
        });
        forEachReference(everyReference, callsByNestedModel, (reference, name) -> {
            if (highest.get(name) >= callsByNestedModel.get(name) && lowest.get(name) >= 1) {
                ((List<Object>) reference).set(1, ((Number) reference.get(1)).intValue() - 1);
            }
        });
    }

    /** Calls {@code action} on every {@code [layer, node, tensor, ...]} list naming one of {@code names}. */
    private static void forEachReference(Object value, Map<String, Integer> names,
            java.util.function.BiConsumer<List<?>, String> action) {
        if (value instanceof List<?> list) {
            if (list.size() >= 3 && list.get(0) instanceof String name && list.get(1) instanceof Number
                    && list.get(2) instanceof Number && names.containsKey(name)) {
                action.accept(list, name);
                return;
            }
            list.forEach(item -> forEachReference(item, names, action));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> forEachReference(item, names, action));
        }
    }
}
