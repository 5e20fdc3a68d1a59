package org.kinspect.weights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.config.ConfigNormalizer;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.StoredWeight;
import org.kinspect.file.StoredWeights;
import org.kinspect.file.WeightNames;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;

/**
 * Names the weights of Keras's HDF5 layout ({@code model_weights/LAYER}, each group's
 * {@code weight_names}) the way Keras's own {@code load_weights_from_hdf5_group} finds them: a group
 * is a layer's, except that a nested model's group holds the weights of all its layers (keyed
 * {@code MODEL/LAYER}, {@link NestedModelLayers}) and a stacked RNN's those of all its cells (keyed
 * by the layer kinspect imports for each cell, {@link StackedCellLayers}); each weight gets its
 * Keras name from its path ({@link WeightNames}).
 *
 * <pre>{@code
 * WeightStore weights = LayerGroupNaming.name(groups, modelConfigJson, Path.of("model.h5"));
 * weights.layer("lstm_1").orElseThrow().byName().get("kernel");
 * }</pre>
 */
final class LayerGroupNaming {

    private LayerGroupNaming() {}

    /**
     * @param stored the file's layer groups
     * @param modelConfigJson the model's configuration, as written; one that cannot be read names
     *     no nested models and no stacks (the configuration reader reports what is wrong with it)
     * @param path the file, for messages
     * @return every layer's weights keyed by layer name
     * @throws KinspectException when a weight of a nested model names none of its layers
     */
    static WeightStore name(StoredWeights.LayerGroups stored, String modelConfigJson, Path path) {
        Map<String, Object> model;
        try {
            model = ConfigNormalizer.parse(modelConfigJson, "model_config");
        } catch (KinspectException e) {
            model = Map.of();
        }
        return name(stored, model, path);
    }

    /**
     * @param stored the file's layer groups
     * @param model the model's configuration as {@code ConfigNormalizer.parse} gives it (only read)
     * @param path the file, for messages
     * @return every layer's weights keyed by layer name
     * @throws KinspectException when a weight of a nested model names none of its layers
     */
    static WeightStore name(StoredWeights.LayerGroups stored, Map<String, Object> model, Path path) {
        NestedModelLayers nested = NestedModelLayers.of(model);
        StackedCellLayers stacks = StackedCellLayers.of(model);
        Map<String, List<WeightTensor>> tensorsByLayer = new LinkedHashMap<>();
        for (StoredWeights.LayerGroup group : stored.groups()) {
            String layerName = group.name();
            tensorsByLayer.put(layerName, new ArrayList<>());
            for (StoredWeight weight : group.weights()) {
                String weightPath = weight.storedName();
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
                        WeightNames.kerasName(ownerName, ownPath), weight.path(), weight.stored()));
            }
        }
        Map<String, LayerWeights> layers = new LinkedHashMap<>();
        Map<String, String> lookedAt = new LinkedHashMap<>();
        tensorsByLayer.forEach((name, tensors) -> layers.put(name,
                new LayerWeights(name, WeightNames.qualifiedWhereRepeated(tensors))));
        for (StoredWeights.LayerGroup group : stored.groups()) {
            lookedAt.put(group.name(), group.path());
        }
        return new WeightStore(layers, lookedAt);
    }
}
