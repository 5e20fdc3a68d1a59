package org.kinspect.weights;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.CheckpointObjectGraph;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.SavedKerasObjects;
import org.kinspect.file.StoredWeights;
import org.kinspect.file.WeightNames;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.kinspect.safety.UntrustedJson;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Names the variables of a SavedModel's checkpoint, as {@code file} read them
 * ({@link StoredWeights.Checkpoint}), as an HDF5 file names them: keyed by layer
 * ({@code MODEL/LAYER} for a nested model's layers), each weight by its Keras name
 * ({@code kernel}, {@code recurrent_kernel}, {@code forward_kernel} for a Bidirectional's forward
 * half). A checkpoint key often does not say which layer a variable is of ({@code variables/6/...},
 * {@code trainable_variables/0/...}), so the owner is found by walking the checkpoint's own object
 * graph from the model: its {@code layer-N} children are its layers in order, and a layer's
 * variables are those reached from it through its attributes ({@code cell}, {@code forward_layer},
 * {@code kernel}...), not through the bookkeeping lists every layer and model also has.
 *
 * <pre>{@code
 * WeightStore weights = CheckpointNaming.name((StoredWeights.Checkpoint) KerasFile.open(path).weights());
 * weights.layer("lstm").orElseThrow().byName().get("recurrent_kernel");
 * }</pre>
 */
final class CheckpointNaming {
    private static final Pattern LAYER = Pattern.compile("layer-(\\d+)");
    private static final int MAX_DEPTH = 64;
    /** Objects visited in all; a Keras model's graph is far smaller, a hostile one could make the walk explode. */
    private static final long MAX_VISITS = 10_000_000;

    private final CheckpointObjectGraph graph;
    private final SavedKerasObjects objects;
    private final Map<String, INDArray> values;
    private final Set<String> valuesGiven = new HashSet<>();
    private final String what;
    private final Map<String, LayerWeights> layers = new LinkedHashMap<>();
    private final Map<String, List<INDArray>> states = new LinkedHashMap<>();
    private long visits;

    private CheckpointNaming(StoredWeights.Checkpoint checkpoint) {
        this.graph = checkpoint.graph();
        this.objects = checkpoint.objects();
        this.values = checkpoint.values();
        this.what = checkpoint.shownAs();
    }

    /**
     * @param checkpoint a SavedModel's checkpoint as {@code file} read it
     * @return every layer's weights, keyed and named as an HDF5 file's are ({@link LayerGroupNaming})
     * @throws KinspectException when the object graph is damaged or does not belong to the metadata
     */
    static WeightStore name(StoredWeights.Checkpoint checkpoint) {
        CheckpointNaming weights = new CheckpointNaming(checkpoint);
        weights.model(0, "", new HashSet<>());
        return new WeightStore(weights.layers).withSavedStates(weights.states);
    }

    /**
     * A variable's value; a copy when it was given before, so that no two weights share an array
     * (as when each was read from the checkpoint on its own).
     */
    private INDArray value(String checkpointKey) {
        INDArray value = values.get(checkpointKey);
        if (value == null) {
            throw KinspectException.internal(what + ": variable '" + checkpointKey
                    + "' of a layer was not read from the checkpoint");
        }
        return valuesGiven.add(checkpointKey) ? value : value.dup();
    }

    /** The layers of the model at {@code nodeId}, in order, keyed with {@code prefix}. */
    private void model(int nodeId, String prefix, Set<Integer> modelsOnTheWay) {
        if (!modelsOnTheWay.add(nodeId) || modelsOnTheWay.size() > MAX_DEPTH) {
            throw KinspectException.modelFile(what + ": its object graph has a model inside itself; the SavedModel is damaged");
        }
        Map<Integer, Integer> layersByIndex = new TreeMap<>();
        for (CheckpointObjectGraph.Child child : graph.node(nodeId).children()) {
            Matcher matcher = LAYER.matcher(child.name());
            if (matcher.matches() && matcher.group(1).length() < 9) {
                layersByIndex.put(Integer.parseInt(matcher.group(1)), child.nodeId());
            }
        }
        for (int layerId : new LinkedHashSet<>(layersByIndex.values())) {
            if (++visits > MAX_VISITS) {
                throw KinspectException.modelFile(what + ": its object graph is larger than any Keras model's; "
                        + "the SavedModel is damaged or hostile");
            }
            SavedKerasObjects.KerasObject layer = objects.get(layerId).orElseThrow(() -> KinspectException.modelFile(what
                    + ": node " + layerId + " of the checkpoint's object graph is a layer with no Keras metadata; "
                    + "keras_metadata.pb does not belong to this checkpoint"));
            String name = prefix + nameOf(layer, layerId);
            if (layer.isModel()) {
                model(layerId, name + "/", modelsOnTheWay);
            } else {
                layer(layerId, name, prefix, modelsOnTheWay);
            }
        }
        modelsOnTheWay.remove(nodeId);
    }

    /** One layer's variables, found from its node; a model inside it (TimeDistributed(model)) as a model. */
    private void layer(int layerId, String key, String prefix, Set<Integer> modelsOnTheWay) {
        List<String[]> found = new ArrayList<>(); // path from the layer, checkpoint key, TensorFlow name
        List<Integer> innerModels = new ArrayList<>();
        collect(layerId, "", found, new HashSet<>(), innerModels, 0);
        String layerName = key.substring(prefix.length());
        List<WeightTensor> tensors = new ArrayList<>();
        for (String[] variable : found) {
            // named by the path from the layer; its TensorFlow name, HDF5's path, tells repeated names apart
            String path = variable[2].isEmpty() ? variable[0] : variable[2];
            tensors.add(new WeightTensor(WeightNames.kerasName(layerName, variable[0]), path,
                    value(variable[1])));
        }
        if (!tensors.isEmpty()) {
            layers.put(key, new LayerWeights(key, WeightNames.qualifiedWhereRepeated(tensors)));
        }
        savedStates(layerId, key);
        for (int innerModel : innerModels) {
            model(innerModel, key + "/", modelsOnTheWay);
        }
    }

    /**
     * A stateful RNN's states are variables too, not among its weights: tf.keras saves them as the
     * layer's {@code keras_api/states} list (its serialized attributes).
     */
    private void savedStates(int layerId, String key) {
        for (CheckpointObjectGraph.Child api : graph.node(layerId).children()) {
            if (!api.name().equals(CheckpointObjectGraph.KERAS_API)) {
                continue;
            }
            for (CheckpointObjectGraph.Child list : graph.node(api.nodeId()).children()) {
                if (list.name().equals(CheckpointObjectGraph.STATES)) {
                    List<String[]> found = new ArrayList<>();
                    collect(list.nodeId(), "", found, new HashSet<>(), new ArrayList<>(), 0);
                    if (!found.isEmpty()) {
                        List<INDArray> values = new ArrayList<>();
                        found.forEach(variable -> values.add(value(variable[1])));
                        states.put(key, values);
                    }
                }
            }
        }
    }

    private void collect(int nodeId, String path, List<String[]> found, Set<Integer> seen, List<Integer> innerModels,
            int depth) {
        if (!seen.add(nodeId)) {
            return;
        }
        if (++visits > MAX_VISITS) {
            throw KinspectException.modelFile(what + ": its object graph is larger than any Keras model's; "
                    + "the SavedModel is damaged or hostile");
        }
        if (depth > MAX_DEPTH) {
            throw KinspectException.modelFile(what + ": its object graph is nested too deeply to be a Keras model; "
                    + "the SavedModel is damaged");
        }
        CheckpointObjectGraph.Node node = graph.node(nodeId);
        node.variableKey().ifPresent(checkpointKey -> found.add(new String[] {path, checkpointKey,
                node.valueFullName()}));
        for (CheckpointObjectGraph.Child child : node.children()) {
            if (CheckpointObjectGraph.BOOKKEEPING.contains(child.name())) {
                continue;
            }
            if (objects.get(child.nodeId()).map(SavedKerasObjects.KerasObject::isModel).orElse(false)) {
                if (!innerModels.contains(child.nodeId())) {
                    innerModels.add(child.nodeId());
                }
                continue;
            }
            collect(child.nodeId(), path.isEmpty() ? child.name() : path + "/" + child.name(), found, seen,
                    innerModels, depth + 1);
        }
    }

    private String nameOf(SavedKerasObjects.KerasObject layer, int nodeId) {
        Object name = UntrustedJson.object(layer.metadataJson(), what + " (metadata of node " + nodeId + ")")
                .get("name");
        if (!(name instanceof String text) || text.isEmpty()) {
            throw KinspectException.modelFile(what + ": the Keras metadata of node " + nodeId
                    + " names no layer; the SavedModel is damaged");
        }
        return text;
    }
}
