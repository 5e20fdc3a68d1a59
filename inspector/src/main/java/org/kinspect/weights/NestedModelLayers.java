package org.kinspect.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.NestedModels;
import org.kinspect.errors.KinspectException;

/**
 * The layers of models used as layers (nested models), read from a model configuration, to tell
 * which layer of a nested model each of its weights belongs to. An HDF5 file keeps all of a nested
 * model's weights in the nested model's group ({@code model_weights/inner} holds
 * {@code inner/inner_dense/kernel}, {@code inner/inner_bn/gamma}...); kinspect keys them by
 * {@code MODEL/LAYER} ({@code inner/inner_dense}), as it names the inlined layers.
 */
final class NestedModelLayers {
    private final Map<String, NestedModelLayers> nestedModels = new java.util.LinkedHashMap<>();
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

    /**
     * @param model a model configuration as parsed ({@code ConfigNormalizer.parse})
     * @return its nested models
     */
    static NestedModelLayers of(Map<?, ?> model) {
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
     *     {@code inner/inner_dense/kernel} or {@code inner_dense/kernel:0}; TensorFlow 2 names a
     *     variable after the layer that made it alone, so a layer of a model nested deeper is named
     *     without the models in between ({@code Conv1/kernel:0} in the group of {@code outer}, for
     *     {@code outer/base/Conv1})
     * @return the key of the layer it belongs to ({@code inner/inner_dense}) and its path from that
     *     layer on ({@code inner_dense/kernel}), or null when no layer of the nested model, at any
     *     depth, is named in it, or the name it gives is that of layers of two models inside
     */
    String[] locate(String modelName, String weightPath) {
        String[] found = nestedModels.get(modelName).locateWithin(weightPath.split("/"));
        return found == null ? null : new String[] {modelName + "/" + found[0], found[1]};
    }

    /** @return the layer's key below this model and the weight's path from the layer on, or null */
    private String[] locateWithin(String[] parts) {
        for (int i = 0; i < parts.length - 1; i++) {
            if (layerNames.contains(parts[i])) {
                if (isNestedModel(parts[i])) {
                    String[] deeper = nestedModels.get(parts[i]).locateWithin(
                            Arrays.copyOfRange(parts, i + 1, parts.length));
                    return deeper == null ? null : new String[] {parts[i] + "/" + deeper[0], deeper[1]};
                }
                return new String[] {parts[i], String.join("/", Arrays.copyOfRange(parts, i, parts.length))};
            }
        }
        // a layer of a model nested deeper, named without the models in between
        for (int i = 0; i < parts.length - 1; i++) {
            List<String> holders = new ArrayList<>();
            modelsHolding(parts[i], "", holders);
            if (holders.size() > 1) {
                return null; // two layers of that name: which one the weight is for is not written anywhere
            }
            if (holders.size() == 1) {
                String[] inner = modelAt(holders.get(0)).locateWithin(Arrays.copyOfRange(parts, i, parts.length));
                return inner == null ? null : new String[] {holders.get(0) + "/" + inner[0], inner[1]};
            }
        }
        return null;
    }

    /** Adds the path (below this model) of every model nested in it, at any depth, that has a layer of that name. */
    private void modelsHolding(String layerName, String prefix, List<String> holders) {
        nestedModels.forEach((name, model) -> {
            if (model.layerNames.contains(layerName)) {
                holders.add(prefix + name);
            }
            model.modelsHolding(layerName, prefix + name + "/", holders);
        });
    }

    private NestedModelLayers modelAt(String modelPath) {
        NestedModelLayers model = this;
        for (String name : modelPath.split("/")) {
            model = model.nestedModels.get(name);
        }
        return model;
    }

    private static String nameOf(Map<?, ?> entry) {
        Object name = entry.get("name");
        if (name == null && entry.get("config") instanceof Map<?, ?> config) {
            name = config.get("name");
        }
        return String.valueOf(name);
    }
}
