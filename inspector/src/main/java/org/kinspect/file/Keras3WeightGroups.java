package org.kinspect.file;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.kinspect.KinspectException;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.config.Keras3Operations;
import org.kinspect.config.NestedModels;
import org.kinspect.config.RecurrentCellLayers;

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
 * <p>Layers of a nested model (a Sequential or Functional model used as a layer) are keyed
 * {@code MODEL/LAYER}, e.g. {@code inner/inner_dense}.
 */
final class Keras3WeightGroups {
    private static final Pattern NON_WORD = Pattern.compile("\\W+");
    private static final Pattern CAPITALISED_WORD = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern LOWER_THEN_UPPER = Pattern.compile("([a-z])([A-Z])");

    private final Path path;
    private final Map<String, LayerWeights> layers = new LinkedHashMap<>();

    private Keras3WeightGroups(Path path) {
        this.path = path;
    }

    /**
     * @param weights the opened {@code model.weights.h5}
     * @param configJson the zip's {@code config.json}
     * @param path the {@code .keras} file, for messages
     * @return every layer's weights keyed by layer name
     */
    static WeightStore read(HdfFile weights, String configJson, Path path) {
        Map<String, Object> model = ConfigNormalizer.parse(configJson, path.toString());
        Map<String, Object> config = asMap(model.get("config"));
        Keras3WeightGroups groups = new Keras3WeightGroups(path);
        if (config.get("layers") instanceof List<?> layerList && weights.getChild("layers") instanceof Group root) {
            groups.readContainer(root, layerList, "Sequential".equals(model.get("class_name")), "");
        }
        return new WeightStore(groups.layers);
    }

    /** The snake_case name Keras gives a class's group: {@code GlobalAveragePooling1D -> global_average_pooling1d}. */
    static String snakeCase(String className) {
        String name = NON_WORD.matcher(className).replaceAll("");
        name = CAPITALISED_WORD.matcher(name).replaceAll("$1_$2");
        return LOWER_THEN_UPPER.matcher(name).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private void readContainer(Group container, List<?> layerEntries, boolean sequential, String keyPrefix) {
        Map<String, Group> byNameAttribute = groupsByNameAttribute(container);
        Map<String, Integer> used = new HashMap<>();
        for (Object entryObject : layerEntries) {
            Map<String, Object> entry = asMap(entryObject);
            String className = String.valueOf(entry.get("class_name"));
            if (Keras3Operations.isOperation(entry) || (sequential && className.equals("InputLayer"))) {
                continue; // not in model.layers, so Keras saves nothing for them
            }
            Map<String, Object> config = asMap(entry.get("config"));
            String name = String.valueOf(entry.containsKey("name") ? entry.get("name") : config.get("name"));
            String groupName = uniqueName(snakeCase(className), used);
            Group group = byNameAttribute.containsKey(name) ? byNameAttribute.get(name)
                    : container.getChild(groupName) instanceof Group found ? found : null;
            if (group == null) {
                throw new KinspectException(path + ": model.weights.h5 has no weights for layer '" + name + "' ("
                        + className + "), expected at " + container.getPath() + groupName
                        + "; the weights do not belong to this configuration");
            }
            String key = keyPrefix + name;
            if (NestedModels.isModel(className)) {
                if (group.getChild("layers") instanceof Group nested && config.get("layers") instanceof List<?> inner) {
                    readContainer(nested, inner, className.equals("Sequential"), key + "/");
                }
            } else if (className.equals("TimeDistributed") && config.get("layer") instanceof Map<?, ?> wrapped
                    && NestedModels.isModel(wrapped.get("class_name"))) {
                // a model applied to each step: its layers keyed WRAPPER/LAYER
                Map<String, Object> model = asMap(wrapped.get("config"));
                if (group.getChild("layer") instanceof Group modelGroup
                        && modelGroup.getChild("layers") instanceof Group nested
                        && model.get("layers") instanceof List<?> inner) {
                    readContainer(nested, inner, "Sequential".equals(wrapped.get("class_name")), key + "/");
                }
            } else if (RecurrentCellLayers.stackedCells(className, config) != null) {
                readStackedCells(group, RecurrentCellLayers.stackedCells(className, config), keyPrefix, name);
            } else {
                layers.put(key, new LayerWeights(key, layerVariables(group, className, config, key)));
            }
        }
    }

    /** Each cell of a stack ({@code layers/rnn/cell/cells/gru_cell/vars}) under the name of the layer that computes it. */
    private void readStackedCells(Group rnnGroup, List<Map<String, Object>> cells, String keyPrefix, String rnnName) {
        if (!(rnnGroup.getChild("cell") instanceof Group stack) || !(stack.getChild("cells") instanceof Group cellsGroup)) {
            return; // a stack kinspect does not import: the configuration reader refuses it
        }
        Map<String, Group> byNameAttribute = groupsByNameAttribute(cellsGroup);
        Map<String, Integer> used = new HashMap<>();
        for (int index = 0; index < cells.size(); index++) {
            String cellClass = String.valueOf(cells.get(index).get("class_name"));
            Map<String, Object> cellConfig = asMap(cells.get(index).get("config"));
            String groupName = uniqueName(snakeCase(cellClass), used);
            Group cellGroup = byNameAttribute.getOrDefault(String.valueOf(cellConfig.get("name")),
                    cellsGroup.getChild(groupName) instanceof Group found ? found : null);
            String key = keyPrefix + RecurrentCellLayers.stackedLayerName(rnnName, index, cells.size());
            if (cellGroup == null) {
                throw new KinspectException(path + ": model.weights.h5 has no weights for cell " + index + " ("
                        + cellClass + ") of layer '" + keyPrefix + rnnName + "', expected at " + cellsGroup.getPath()
                        + "/" + groupName + "; the weights do not belong to this configuration");
            }
            layers.put(key, new LayerWeights(key, ownVariables(cellGroup, cellClass, cellConfig, key, "")));
        }
    }

    private List<WeightTensor> layerVariables(Group group, String className, Map<String, Object> config, String key) {
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
                if (!(group.getChild("layer") instanceof Group innerGroup)) {
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
    private List<WeightTensor> multiHeadVariables(Group layerGroup, Map<String, Object> config, String key,
            String className) {
        Map<String, Object> einsum = new HashMap<>();
        einsum.put("bias_axes", Boolean.FALSE.equals(config.get("use_bias")) ? null : "heads");
        List<WeightTensor> tensors = new ArrayList<>();
        for (String[] sublayer : new String[][] {{"query_dense", "query/"}, {"key_dense", "key/"},
                {"value_dense", "value/"}, {"output_dense", "attention_output/"}}) {
            Node found = layerGroup.getChild(sublayer[0]);
            if (!(found instanceof Group)) {
                found = layerGroup.getChild("_" + sublayer[0]);
            }
            if (!(found instanceof Group group)) {
                throw new KinspectException(path + ": model.weights.h5 has no " + layerGroup.getPath() + "/"
                        + sublayer[0] + " for layer '" + key + "' (" + className + "); the file is damaged");
            }
            tensors.addAll(ownVariables(group, "EinsumDense", einsum, key, sublayer[1]));
        }
        return tensors;
    }

    private List<WeightTensor> wrappedVariables(Group wrapper, String attribute, Map<String, Object> inner,
            String key, String namePrefix) {
        if (!(wrapper.getChild(attribute) instanceof Group group)) {
            throw new KinspectException(path + ": model.weights.h5 has no " + wrapper.getPath() + attribute
                    + " for layer '" + key + "'; the file is damaged");
        }
        return ownVariables(group, String.valueOf(inner.get("class_name")), asMap(inner.get("config")), key,
                namePrefix);
    }

    private List<WeightTensor> ownVariables(Group layerGroup, String className, Map<String, Object> config,
            String key, String namePrefix) {
        RecurrentCellLayers.Equivalent recurrent = RecurrentCellLayers.equivalent(className, config);
        if (recurrent != null) {
            // RNN(LSTMCell) keeps its variables where an LSTM does (layers/rnn/cell/vars)
            return ownVariables(layerGroup, recurrent.className(), recurrent.config(), key, namePrefix);
        }
        Node varsNode = Keras3VariableOrder.keptInCell(className)
                ? (layerGroup.getChild("cell") instanceof Group cell ? cell.getChild("vars") : null)
                : layerGroup.getChild("vars");
        if (!(varsNode instanceof Group vars) || vars.getChildren().isEmpty()) {
            return List.of();
        }
        int count = vars.getChildren().size();
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
            throw new KinspectException(path + ": layer '" + key + "' (" + className + ") has " + count
                    + " weights in model.weights.h5 but its configuration implies " + names.size() + " " + names);
        }
        List<WeightTensor> tensors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!(vars.getChild(Integer.toString(i)) instanceof Dataset dataset)) {
                throw new KinspectException(path + ": weight " + vars.getPath() + "/" + i + " of layer '" + key
                        + "' is missing; the file is damaged");
            }
            if ("bfloat16".equals(HdfModelReader.stringAttribute(dataset, "dtype"))) {
                throw KinspectException.unsupported(path + ": layer '" + key + "' (" + className
                        + ") holds bfloat16 weights, which kinspect does not read yet; save the model in float32");
            }
            tensors.add(new WeightTensor(namePrefix + names.get(i), dataset.getPath(), DatasetValues.read(dataset, path)));
        }
        return tensors;
    }

    /** Keras 3.16 names each {@code vars} group after its layer; older files do not. */
    private static Map<String, Group> groupsByNameAttribute(Group container) {
        Map<String, Group> byName = new HashMap<>();
        for (Node child : container.getChildren().values()) {
            if (child instanceof Group group && group.getChild("vars") instanceof Group vars) {
                String name = HdfModelReader.stringAttribute(vars, "name");
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
