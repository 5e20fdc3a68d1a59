package org.kinspect.weights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.Keras3Operations;
import org.kinspect.config.NestedModels;
import org.kinspect.config.RecurrentCellLayers;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.StoredWeight;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.kinspect.file.WeightTree;

/**
 * Finds each layer's weights in the {@code model.weights.h5} of a {@code .keras} zip and names them
 * as Keras 2 did ({@code kernel}, {@code recurrent_kernel}, {@code forward_bias}...).
 *
 * <p>Keras 3 does not group weights by layer name: each container names its children after their
 * class, with a counter ({@code layers/dense}, {@code layers/dense_1}, {@code layers/lstm/cell/vars}),
 * in the order of {@code model.layers}. Keras 3.16 also writes the layer's real name as the
 * {@code name} attribute of its {@code vars} group, which is used when present; older files are
 * matched by walking the configuration in Keras's order, as Keras's own {@code saving_lib} does.
 *
 * <p>tf.keras of TensorFlow 2.13 to 2.15 (before tf-keras commit a25d42d, September 2023) wrote the
 * same zip, but reached a model's layers through its {@code _layer_checkpoint_dependencies} property, so each container is
 * called that instead of {@code layers} ({@code _layer_checkpoint_dependencies/dense/vars/0},
 * {@code _layer_checkpoint_dependencies/lstm/cell/vars/0}). Each layer with weights is in that
 * container twice, and before tf-keras commit 0454a40 (June 2023) its second visit still advanced
 * the counter ({@code dense}, {@code dense_2}, {@code dense_4}), so there the k-th layer of a class
 * takes the k-th group of its class in counter order. On Windows tf.keras joined the path with
 * backslashes: {@link WeightTree} reads those as separators.
 *
 * <p>Layers of a nested model (a Sequential or Functional model used as a layer) are keyed
 * {@code MODEL/LAYER}, e.g. {@code inner/inner_dense}.
 */
final class Keras3WeightGroups {
    private static final Pattern NON_WORD = Pattern.compile("\\W+");
    private static final Pattern CAPITALISED_WORD = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern LOWER_THEN_UPPER = Pattern.compile("([a-z])([A-Z])");
    /** tf.keras's {@code to_snake_case} counts digits as part of a word: {@code (.)([A-Z][a-z0-9]+)}. */
    private static final Pattern TF_KERAS_CAPITALISED_WORD = Pattern.compile("(.)([A-Z][a-z0-9]+)");
    static final String KERAS3_CONTAINER = WeightTree.KERAS3_CONTAINER;
    static final String TF_KERAS_CONTAINER = WeightTree.TF_KERAS_CONTAINER;
    /** The weights' entry of a {@code .keras} zip, for messages. */
    static final String WEIGHTS = "model.weights.h5";

    private final Path path;
    private final Map<String, LayerWeights> layers = new LinkedHashMap<>();
    private final Map<String, String> lookedAt = new LinkedHashMap<>();
    /** The {@code vars} groups read, to tell those no layer read. */
    private final Set<WeightTree> consumed = Collections.newSetFromMap(new IdentityHashMap<>());

    private Keras3WeightGroups(Path path) {
        this.path = path;
    }

    /**
     * @param root the groups of {@code model.weights.h5}, as the zip reader read them
     * @param configJson the zip's {@code config.json}
     * @param path the {@code .keras} file, for messages
     * @return every layer's weights keyed by layer name
     */
    static WeightStore read(WeightTree root, String configJson, Path path) {
        Map<String, Object> model = ConfigNormalizer.parse(configJson, path.toString());
        Map<String, Object> config = asMap(model.get("config"));
        Keras3WeightGroups groups = new Keras3WeightGroups(path);
        if (config.get("layers") instanceof List<?> layerList && container(root) != null) {
            groups.readContainer(container(root), layerList, "Sequential".equals(model.get("class_name")), "");
        } else if (config.get("layers") instanceof List<?> layerList) {
            for (Object entry : layerList) {
                Map<String, Object> layer = asMap(entry);
                Object name = layer.containsKey("name") ? layer.get("name") : asMap(layer.get("config")).get("name");
                groups.lookedAt.put(String.valueOf(name), "/" + KERAS3_CONTAINER + " or /" + TF_KERAS_CONTAINER
                        + " of " + WEIGHTS + " (it has neither)");
            }
        }
        List<String> unread = new ArrayList<>();
        if (container(root) != null) {
            groups.collectUnread(container(root), unread);
        }
        return new WeightStore(groups.layers, groups.lookedAt, unread);
    }

    /** The snake_case name Keras gives a class's group: {@code GlobalAveragePooling1D -> global_average_pooling1d}. */
    static String snakeCase(String className) {
        String name = NON_WORD.matcher(className).replaceAll("");
        name = CAPITALISED_WORD.matcher(name).replaceAll("$1_$2");
        return LOWER_THEN_UPPER.matcher(name).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the group holding a model's layers, in either layout, or null */
    private static WeightTree container(WeightTree model) {
        return model.child(KERAS3_CONTAINER) != null ? model.child(KERAS3_CONTAINER) : model.child(TF_KERAS_CONTAINER);
    }

    /** tf.keras's snake case: {@code Conv2D -> conv2d}, {@code ReLU -> re_lu}. */
    static String tfKerasSnakeCase(String className) {
        String name = TF_KERAS_CAPITALISED_WORD.matcher(className).replaceAll("$1_$2");
        name = LOWER_THEN_UPPER.matcher(name).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("_") ? "private" + name : name;
    }

    private void readContainer(WeightTree container, List<?> layerEntries, boolean sequential, String keyPrefix) {
        Map<String, WeightTree> byNameAttribute = groupsByNameAttribute(container);
        Map<String, Integer> used = new HashMap<>();
        boolean tfKeras = container.path().endsWith("/" + TF_KERAS_CONTAINER);
        for (Object entryObject : layerEntries) {
            Map<String, Object> entry = asMap(entryObject);
            String className = String.valueOf(entry.get("class_name"));
            if (Keras3Operations.isOperation(entry) || (sequential && className.equals("InputLayer"))) {
                continue; // not in model.layers, so Keras saves nothing for them
            }
            Map<String, Object> config = asMap(entry.get("config"));
            String name = String.valueOf(entry.containsKey("name") ? entry.get("name") : config.get("name"));
            String groupName = tfKeras ? tfKerasGroupName(container, tfKerasSnakeCase(className), used)
                    : uniqueName(snakeCase(className), used);
            WeightTree group = byNameAttribute.containsKey(name) ? byNameAttribute.get(name)
                    : container.child(groupName);
            if (group == null && tfKeras) {
                group = container.child(name); // a container keyed by layer name, not by class
            }
            if (group == null) {
                throw KinspectException.modelFile(path + ": model.weights.h5 has no weights for layer '" + name + "' ("
                        + className + "), expected at " + container.path() + "/" + groupName
                        + "; the weights do not belong to this configuration");
            }
            String key = keyPrefix + name;
            if (NestedModels.isModel(className)) {
                if (container(group) != null && config.get("layers") instanceof List<?> inner) {
                    readContainer(container(group), inner, className.equals("Sequential"), key + "/");
                }
            } else if (className.equals("TimeDistributed") && config.get("layer") instanceof Map<?, ?> wrapped
                    && NestedModels.isModel(wrapped.get("class_name"))) {
                // a model applied to each step: its layers keyed WRAPPER/LAYER
                Map<String, Object> model = asMap(wrapped.get("config"));
                WeightTree modelGroup = group.child("layer");
                WeightTree nested = modelGroup == null ? null : container(modelGroup);
                if (nested != null && model.get("layers") instanceof List<?> inner) {
                    readContainer(nested, inner, "Sequential".equals(wrapped.get("class_name")), key + "/");
                }
            } else if (RecurrentCellLayers.stackedCells(className, config) != null) {
                readStackedCells(group, RecurrentCellLayers.stackedCells(className, config), keyPrefix, name);
            } else {
                lookedAt.put(key, group.path());
                layers.put(key, new LayerWeights(key, layerVariables(group, className, config, key)));
            }
        }
    }

    /**
     * The group of the next layer of a class in a tf.keras container: its groups of that class in
     * counter order ({@code dense}, then {@code dense_1} or {@code dense_2}, ...), whichever way the
     * counter was advanced.
     */
    private static String tfKerasGroupName(WeightTree container, String base, Map<String, Integer> used) {
        List<Integer> counters = new ArrayList<>();
        Pattern ofClass = Pattern.compile(Pattern.quote(base) + "(?:_(\\d+))?");
        for (String child : container.children().keySet()) {
            var matcher = ofClass.matcher(child);
            if (matcher.matches()) {
                counters.add(matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1)));
            }
        }
        counters.sort(null);
        int index = used.merge(base, 1, Integer::sum) - 1;
        if (index >= counters.size()) {
            return index == 0 ? base : base + "_" + index; // absent: named in the message as tf-keras 2.14 would
        }
        int counter = counters.get(index);
        return counter == 0 ? base : base + "_" + counter;
    }

    /** Each cell of a stack ({@code layers/rnn/cell/cells/gru_cell/vars}) under the name of the layer that computes it. */
    private void readStackedCells(WeightTree rnnGroup, List<Map<String, Object>> cells, String keyPrefix, String rnnName) {
        WeightTree stack = rnnGroup.child("cell");
        WeightTree cellsGroup = stack == null ? null : stack.child("cells");
        if (cellsGroup == null) {
            return; // a stack kinspect does not import: the configuration reader refuses it
        }
        Map<String, WeightTree> byNameAttribute = groupsByNameAttribute(cellsGroup);
        Map<String, Integer> used = new HashMap<>();
        for (int index = 0; index < cells.size(); index++) {
            String cellClass = String.valueOf(cells.get(index).get("class_name"));
            Map<String, Object> cellConfig = asMap(cells.get(index).get("config"));
            String groupName = uniqueName(snakeCase(cellClass), used);
            WeightTree cellGroup = byNameAttribute.getOrDefault(String.valueOf(cellConfig.get("name")),
                    cellsGroup.child(groupName));
            String key = keyPrefix + RecurrentCellLayers.stackedLayerName(rnnName, index, cells.size());
            if (cellGroup == null) {
                throw KinspectException.modelFile(path + ": model.weights.h5 has no weights for cell " + index + " ("
                        + cellClass + ") of layer '" + keyPrefix + rnnName + "', expected at " + cellsGroup.path()
                        + "/" + groupName + "; the weights do not belong to this configuration");
            }
            lookedAt.put(key, cellGroup.path());
            layers.put(key, new LayerWeights(key, ownVariables(cellGroup, cellClass, cellConfig, key, "")));
        }
    }

    private List<WeightTensor> layerVariables(WeightTree group, String className, Map<String, Object> config, String key) {
        switch (className) {
            case "Bidirectional" -> {
                Map<String, Object> forward = asMap(config.get("layer"));
                Map<String, Object> backward = config.get("backward_layer") instanceof Map<?, ?> given
                        ? asMap(given) : forward;
                List<WeightTensor> both = new ArrayList<>();
                both.addAll(wrappedVariables(group, "forward_layer", forward, key, "forward_"));
                both.addAll(wrappedVariables(group, "backward_layer", backward, key, "backward_"));
                return both;
            }
            case "MultiHeadAttention", "GroupQueryAttention", "GroupedQueryAttention" -> {
                return multiHeadVariables(group, config, key, className);
            }
            case "TimeDistributed" -> {
                // the wrapped layer's own variables, also those of a wrapper it is (a Bidirectional)
                Map<String, Object> inner = asMap(config.get("layer"));
                WeightTree innerGroup = group.child("layer");
                if (innerGroup == null) {
                    return wrappedVariables(group, "layer", inner, key, ""); // says the file is damaged
                }
                return layerVariables(innerGroup, String.valueOf(inner.get("class_name")), asMap(inner.get("config")),
                        key);
            }
            default -> {
                return ownVariables(group, className, config, key, "");
            }
        }
    }

    /**
     * MultiHeadAttention (and GroupQueryAttention) keeps its weights in four EinsumDense sublayers ({@code query_dense/vars},
     * {@code _query_dense/vars} before Keras 3.4...), named here as Keras's HDF5 names them:
     * {@code query/kernel}, {@code query/bias}, ..., {@code attention_output/bias}.
     */
    private List<WeightTensor> multiHeadVariables(WeightTree layerGroup, Map<String, Object> config, String key,
            String className) {
        Map<String, Object> einsum = new HashMap<>();
        einsum.put("bias_axes", Boolean.FALSE.equals(config.get("use_bias")) ? null : "heads");
        List<WeightTensor> tensors = new ArrayList<>();
        for (String[] sublayer : new String[][] {{"query_dense", "query/"}, {"key_dense", "key/"},
                {"value_dense", "value/"}, {"output_dense", "attention_output/"}}) {
            WeightTree found = layerGroup.child(sublayer[0]);
            if (found == null) {
                found = layerGroup.child("_" + sublayer[0]);
            }
            if (found == null) {
                throw KinspectException.modelFile(path + ": model.weights.h5 has no " + layerGroup.path() + "/"
                        + sublayer[0] + " for layer '" + key + "' (" + className + "); the file is damaged");
            }
            tensors.addAll(ownVariables(found, "EinsumDense", einsum, key, sublayer[1]));
        }
        return tensors;
    }

    private List<WeightTensor> wrappedVariables(WeightTree wrapper, String attribute, Map<String, Object> inner,
            String key, String namePrefix) {
        WeightTree group = wrapper.child(attribute);
        if (group == null) {
            throw KinspectException.modelFile(path + ": model.weights.h5 has no " + wrapper.path() + "/" + attribute
                    + " for layer '" + key + "'; the file is damaged");
        }
        return ownVariables(group, String.valueOf(inner.get("class_name")), asMap(inner.get("config")), key,
                namePrefix);
    }

    private List<WeightTensor> ownVariables(WeightTree layerGroup, String className, Map<String, Object> config,
            String key, String namePrefix) {
        RecurrentCellLayers.Equivalent recurrent = RecurrentCellLayers.equivalent(className, config);
        if (recurrent != null) {
            // RNN(LSTMCell) keeps its variables where an LSTM does (layers/rnn/cell/vars)
            return ownVariables(layerGroup, recurrent.className(), recurrent.config(), key, namePrefix);
        }
        WeightTree vars = Keras3VariableOrder.keptInCell(className)
                ? (layerGroup.child("cell") == null ? null : layerGroup.child("cell").child("vars"))
                : layerGroup.child("vars");
        if (vars == null || vars.weightCount() == 0) {
            return List.of();
        }
        consumed.add(vars);
        int count = vars.weightCount();
        List<String> names = Keras3VariableOrder.names(className, config);
        if (names == null) {
            // A custom layer: Keras 3 keeps its variables by position only, so its Java mapper
            // (CustomObjects.withLayer) receives them as "0", "1"... in the order the layer made them.
            names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add(Integer.toString(i));
            }
        }
        if (names.size() != count) {
            throw KinspectException.modelFile(path + ": layer '" + key + "' (" + className + ") has " + count
                    + " weights in model.weights.h5 but its configuration implies " + names.size() + " " + names);
        }
        List<WeightTensor> tensors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StoredWeight stored = vars.weight(Integer.toString(i));
            if (stored == null) {
                throw KinspectException.modelFile(path + ": weight " + vars.path() + "/" + i + " of layer '" + key
                        + "' is missing; the file is damaged");
            }
            if ("bfloat16".equals(stored.dtype())) {
                throw KinspectException.unsupported(path + ": layer '" + key + "' (" + className
                        + ") holds bfloat16 weights, which kinspect does not read yet; save the model in float32");
            }
            tensors.add(new WeightTensor(namePrefix + names.get(i), stored.path(), stored.stored()));
        }
        return tensors;
    }

    /**
     * Adds every {@code vars} group below the container that holds weights no layer read: more
     * groups of a class than the configuration has layers of it, or a layer of another class. An
     * RNN layer's own {@code vars} beside its {@code cell} (the states of a stateful layer) are not
     * weights it computes with from the file.
     */
    private void collectUnread(WeightTree group, List<String> unread) {
        for (Map.Entry<String, WeightTree> child : group.children().entrySet()) {
            WeightTree node = child.getValue();
            if (child.getKey().equals("vars")) {
                if (node.weightCount() > 0 && !consumed.contains(node) && group.child("cell") == null) {
                    unread.add(node.path() + " (" + node.weightCount() + " weights)");
                }
            } else {
                collectUnread(node, unread);
            }
        }
    }

    /** Keras 3.16 names each {@code vars} group after its layer; older files do not. */
    private static Map<String, WeightTree> groupsByNameAttribute(WeightTree container) {
        Map<String, WeightTree> byName = new HashMap<>();
        for (WeightTree group : container.children().values()) {
            if (group.child("vars") != null) {
                String name = group.child("vars").nameAttribute();
                if (name != null) {
                    byName.put(name, group);
                }
            }
        }
        return byName;
    }

    private static String uniqueName(String base, Map<String, Integer> used) {
        Integer count = used.get(base);
        if (count == null) {
            used.put(base, 0);
            return base;
        }
        used.put(base, count + 1);
        return base + "_" + (count + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
