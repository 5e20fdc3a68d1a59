package org.kinspect.file;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.KinspectException;

/**
 * Reads Keras's HDF5 layout (Keras 1, Keras 2, tf.keras and Keras 3's legacy {@code .h5}) with
 * jhdf: the {@code model_config} attribute and the weights under {@code model_weights}, found the
 * way Keras's own {@code load_weights_from_hdf5_group} finds them, through each layer group's
 * {@code weight_names} attribute.
 */
final class HdfModelReader {

    private HdfModelReader() {}

    static ModelArchive readModel(Path path) {
        try (HdfFile file = new HdfFile(path)) {
            HdfTruncation.requireComplete(file, path);
            String modelConfig = stringAttribute(file, "model_config");
            if (modelConfig == null) {
                String hint = file.getAttribute("layer_names") != null
                        ? "it is a weights-only file: give its JSON configuration too (model.to_json(); "
                                + InspectedModel.OPEN_WITH_CONFIG + ")"
                        : "it has no model_config attribute; give a model saved by Keras (model.save)";
                throw KinspectException.modelFile(path + ": not a full Keras model file; " + hint);
            }
            Group weightsRoot = file.getChild("model_weights") instanceof Group group ? group : file;
            return new ModelArchive(path, KerasFormat.HDF5_MODEL, modelConfig,
                    stringAttribute(file, "training_config"),
                    firstNonNull(stringAttribute(file, "keras_version"), stringAttribute(weightsRoot, "keras_version")),
                    firstNonNull(stringAttribute(file, "backend"), stringAttribute(weightsRoot, "backend")),
                    readWeights(weightsRoot, path, modelConfig));
        } catch (HdfException e) {
            throw damaged(path, e);
        }
    }

    static ModelArchive readWeightsWithConfig(Path weightsPath, Path configPath, String modelConfig) {
        try (HdfFile file = new HdfFile(weightsPath)) {
            HdfTruncation.requireComplete(file, weightsPath);
            Group weightsRoot = file.getChild("model_weights") instanceof Group group ? group : file;
            if (stringListAttribute(weightsRoot, "layer_names") == null) {
                throw KinspectException.modelFile(weightsPath + ": not a Keras weights file (no layer_names attribute)");
            }
            return new ModelArchive(weightsPath, KerasFormat.HDF5_WEIGHTS_WITH_JSON_CONFIG, modelConfig, null,
                    stringAttribute(weightsRoot, "keras_version"), stringAttribute(weightsRoot, "backend"),
                    readWeights(weightsRoot, weightsPath, modelConfig));
        } catch (HdfException e) {
            throw damaged(weightsPath, e);
        }
    }

    /**
     * Reads every layer's weights from a group that has Keras's {@code layer_names} attribute. The
     * weights of a nested model (a model used as a layer) are keyed by its layers, {@code MODEL/LAYER}.
     */
    static WeightStore readWeights(Group root, Path path, String modelConfig) {
        List<String> layerNames = stringListAttribute(root, "layer_names");
        if (layerNames == null) {
            return new WeightStore(Map.of()); // read from a file: every layer with weights will say it has none
        }
        NestedModelLayers nested = NestedModelLayers.of(modelConfig);
        StackedCellLayers stacks = StackedCellLayers.of(modelConfig);
        Map<String, List<WeightTensor>> tensorsByLayer = new LinkedHashMap<>();
        for (String layerName : layerNames) {
            if (!(root.getChild(layerName) instanceof Group layerGroup)) {
                throw KinspectException.modelFile(path + ": layer '" + layerName
                        + "' is listed in layer_names but has no weights group; the file is damaged");
            }
            List<String> weightNames = stringListAttribute(layerGroup, "weight_names");
            tensorsByLayer.put(layerName, new ArrayList<>());
            for (String weightPath : weightNames == null ? List.<String>of() : weightNames) {
                if (!(layerGroup.getByPath(weightPath) instanceof Dataset dataset)) {
                    throw KinspectException.modelFile(path + ": weight '" + weightPath + "' of layer '" + layerName
                            + "' is missing; the file is damaged");
                }
                String key = stacks.layerOf(layerName, weightPath);
                String ownerName = layerName;
                String ownPath = weightPath;
                if (nested.isNestedModel(layerName)) {
                    String[] located = nested.locate(layerName, weightPath);
                    if (located == null) {
                        throw KinspectException.modelFile(path + ": weight '" + weightPath + "' of nested model '"
                                + layerName + "' names none of its layers, at any depth, or names a layer that two"
                                + " of the models inside have; the file is damaged or kinspect cannot tell its owner");
                    }
                    key = located[0];
                    ownPath = located[1];
                    ownerName = ownPath.split("/")[0];
                }
                tensorsByLayer.computeIfAbsent(key, unused -> new ArrayList<>()).add(new WeightTensor(
                        WeightNames.kerasName(ownerName, ownPath), layerGroup.getPath() + weightPath,
                        DatasetValues.read(dataset, path)));
            }
        }
        Map<String, LayerWeights> layers = new LinkedHashMap<>();
        Map<String, String> lookedAt = new LinkedHashMap<>();
        tensorsByLayer.forEach((name, tensors) -> layers.put(name,
                new LayerWeights(name, WeightNames.qualifiedWhereRepeated(tensors))));
        for (String layerName : layerNames) {
            lookedAt.put(layerName, root.getPath() + layerName);
        }
        return new WeightStore(layers, lookedAt);
    }

    static String stringAttribute(Node node, String name) {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null) {
            return null;
        }
        Object data = attribute.getData();
        if (data instanceof String text) {
            return text;
        }
        if (data instanceof String[] texts && texts.length > 0) {
            return texts[0];
        }
        if (data instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(data);
    }

    static List<String> stringListAttribute(Node node, String name) {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null) {
            return null;
        }
        if (attribute.isEmpty()) {
            return List.of();
        }
        Object data = attribute.getData();
        if (data instanceof String[] texts) {
            return List.of(texts);
        }
        if (data instanceof String text) {
            return List.of(text);
        }
        throw KinspectException.modelFile(node.getHdfFile().getFile() + ": attribute '" + name + "' of '"
                + node.getPath() + "' is not a list of names; the file is damaged");
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    private static KinspectException damaged(Path path, Exception e) {
        return KinspectException.modelFile(path + ": the HDF5 file is damaged or truncated (" + e.getMessage() + ")", e);
    }
}
