package org.kinspect.file;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.KinspectException;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.NestedModels;

/**
 * The layers of models used as layers (nested models), read from a model configuration, to tell
 * which layer of a nested model each of its weights belongs to. An HDF5 file keeps all of a nested
 * model's weights in the nested model's group ({@code model_weights/inner} holds
 * {@code inner/inner_dense/kernel}, {@code inner/inner_bn/gamma}...); kinspect keys them by
 * {@code MODEL/LAYER} ({@code inner/inner_dense}), as it names the inlined layers.
 */
final class NestedModelLayers {
    private final Map<String, NestedModelLayers> nestedModels = new HashMap<>();
    private final Set<String> layerNames = new HashSet<>();

    private NestedModelLayers() {}

    /**
     * @param modelConfigJson a model configuration; one that cannot be read gives no nested models
     *     (the configuration reader reports what is wrong with it)
     * @return its nested models
     */
    static NestedModelLayers of(String modelConfigJson) {
        try {
            return of(ConfigNormalizer.parse(modelConfigJson, "model_config"));
        } catch (KinspectException e) {
            return new NestedModelLayers();
        }
    }

    private static NestedModelLayers of(Map<?, ?> model) {
        NestedModelLayers layers = new NestedModelLayers();
        Object config = model.get("config");
        // Keras 1 and 2.0 write a Sequential's layers as a bare list.
        Object list = config instanceof Map<?, ?> map ? map.get("layers") : config;
        if (list instanceof List<?> entries) {
            for (Object entryObject : entries) {
                if (entryObject instanceof Map<?, ?> entry) {
                    String name = nameOf(entry);
                    layers.layerNames.add(name);
                    if (NestedModels.isModel(entry.get("class_name"))) {
                        layers.nestedModels.put(name, of(entry));
                    } else if ("TimeDistributed".equals(entry.get("class_name"))
                            && entry.get("config") instanceof Map<?, ?> wrapper
                            && wrapper.get("layer") instanceof Map<?, ?> wrapped
                            && NestedModels.isModel(wrapped.get("class_name"))) {
                        // a model applied to each step: its weights are in the wrapper's group
                        layers.nestedModels.put(name, of(wrapped));
                    }
                }
            }
        }
        return layers;
    }

    /** @return true when the layer of this name is itself a model */
    boolean isNestedModel(String layerName) {
        return nestedModels.containsKey(layerName);
    }

    /**
     * @param modelName a nested model of this model
     * @param weightPath one of its weights as {@code weight_names} gives it, e.g.
     *     {@code inner/inner_dense/kernel} or {@code inner_dense/kernel:0}
     * @return the key of the layer it belongs to ({@code inner/inner_dense}) and its path from that
     *     layer on ({@code inner_dense/kernel}), or null when no layer of the nested model is named in it
     */
    String[] locate(String modelName, String weightPath) {
        NestedModelLayers model = nestedModels.get(modelName);
        String[] parts = weightPath.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (model.layerNames.contains(parts[i])) {
                String rest = String.join("/", Arrays.copyOfRange(parts, i, parts.length));
                if (model.isNestedModel(parts[i])) {
                    String[] deeper = model.locate(parts[i], String.join("/",
                            Arrays.copyOfRange(parts, i + 1, parts.length)));
                    return deeper == null ? null : new String[] {modelName + "/" + deeper[0], deeper[1]};
                }
                return new String[] {modelName + "/" + parts[i], rest};
            }
        }
        return null;
    }

    private static String nameOf(Map<?, ?> entry) {
        Object name = entry.get("name");
        if (name == null && entry.get("config") instanceof Map<?, ?> config) {
            name = config.get("name");
        }
        return String.valueOf(name);
    }
}
