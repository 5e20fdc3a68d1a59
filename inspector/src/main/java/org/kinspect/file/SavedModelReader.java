package org.kinspect.file;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a tf.keras SavedModel directory ({@code model.save("my_model")}, TensorFlow 2.0 to 2.15)
 * without TensorFlow: the Keras configuration from the root object's metadata in
 * {@code keras_metadata.pb} (or, from TensorFlow before 2.5, in {@code saved_model.pb}'s object
 * graph), and the model's variables from the checkpoint in {@code variables/}, as the checkpoint
 * keys them, with its object graph and the Keras objects' metadata, through which
 * {@code weights.WeightNaming} finds each variable's layer ({@link StoredWeights.Checkpoint}).
 * The variables are read here, not when they are named: an archive's folder is deleted once read.
 */
final class SavedModelReader {
    static final String KERAS_METADATA = "keras_metadata.pb";
    static final String SAVED_MODEL = "saved_model.pb";
    static final String CHECKPOINT = "variables/variables";
    /** Protocol buffers are limited to 2 GB; a Keras model's metadata is far smaller. */
    static final long MAX_PROTOBUF_BYTES = Integer.MAX_VALUE - 64;

    private SavedModelReader() {}

    /**
     * @param source what the user gave (the directory, or the archive holding it)
     * @param files the directory's files
     * @return the model's configuration and weights
     */
    static StoredModel read(Path source, SavedModelFiles files) {
        SavedKerasObjects objects = kerasObjects(files);
        SavedKerasObjects.KerasObject root = objects.get(0).orElseThrow(() -> notKeras(files));
        SavedModelConfig config = SavedModelConfig.of(root.metadataJson(), files.shownAs());
        TensorBundle bundle = TensorBundle.open(files, CHECKPOINT);
        if (!bundle.has(CheckpointObjectGraph.KEY)) {
            throw KinspectException.modelFile(files.describe(CHECKPOINT + ".index") + ": the checkpoint has no object graph ("
                    + CheckpointObjectGraph.KEY + "), so its variables cannot be told apart; it is damaged or was "
                    + "not written by model.save");
        }
        List<byte[]> graphBytes = bundle.strings(CheckpointObjectGraph.KEY);
        if (graphBytes.size() != 1) {
            throw KinspectException.modelFile(files.describe(CHECKPOINT + ".index") + ": its object graph holds "
                    + graphBytes.size() + " values, not one; the SavedModel is damaged");
        }
        CheckpointObjectGraph graph = CheckpointObjectGraph.parse(graphBytes.get(0),
                files.describe(CHECKPOINT + ".index"));
        if (graph.nodes().isEmpty()) {
            throw KinspectException.modelFile(files.describe(CHECKPOINT + ".index") + ": its object graph is empty; "
                    + "the SavedModel is damaged");
        }
        StoredWeights weights = new StoredWeights.Checkpoint(graph, objects, modelVariables(graph, bundle),
                files.shownAs());
        return new StoredModel(source, KerasFormat.SAVED_MODEL, config.modelConfigJson(),
                config.trainingConfigJson(), config.kerasVersion(), "tensorflow", weights);
    }

    /**
     * The value of every variable reached from the root of the object graph other than through its
     * bookkeeping lists (the optimizer's slots are not the model's), and of a stateful RNN's states
     * (in its {@code keras_api}, a bookkeeping child). Each node is visited once, so a hostile graph's
     * cycles and shared children cost nothing.
     */
    private static Map<String, INDArray> modelVariables(CheckpointObjectGraph graph, TensorBundle bundle) {
        Map<String, INDArray> values = new LinkedHashMap<>();
        Set<Integer> seen = new HashSet<>(List.of(0));
        Deque<Integer> waiting = new ArrayDeque<>(List.of(0));
        while (!waiting.isEmpty()) {
            CheckpointObjectGraph.Node node = graph.node(waiting.removeFirst());
            node.variableKey().ifPresent(key -> values.computeIfAbsent(key, bundle::floats));
            for (CheckpointObjectGraph.Child child : node.children()) {
                if (CheckpointObjectGraph.BOOKKEEPING.contains(child.name())) {
                    if (child.name().equals(CheckpointObjectGraph.KERAS_API)) {
                        graph.node(child.nodeId()).children().stream()
                                .filter(list -> list.name().equals(CheckpointObjectGraph.STATES))
                                .filter(list -> seen.add(list.nodeId()))
                                .forEach(list -> waiting.addLast(list.nodeId()));
                    }
                } else if (seen.add(child.nodeId())) {
                    waiting.addLast(child.nodeId());
                }
            }
        }
        return values;
    }

    private static SavedKerasObjects kerasObjects(SavedModelFiles files) {
        if (files.has(KERAS_METADATA)) {
            return SavedKerasObjects.fromKerasMetadata(files.read(KERAS_METADATA, MAX_PROTOBUF_BYTES),
                    files.describe(KERAS_METADATA));
        }
        // TensorFlow 2.0 to 2.4 kept the Keras metadata in the object graph of saved_model.pb.
        SavedKerasObjects objects = SavedKerasObjects.fromSavedModel(files.read(SAVED_MODEL, MAX_PROTOBUF_BYTES),
                files.describe(SAVED_MODEL));
        boolean rootHasMetadata = objects.get(0).map(root -> !root.metadataJson().isBlank()).orElse(false);
        if (!rootHasMetadata) {
            throw notKeras(files);
        }
        return objects;
    }

    private static KinspectException notKeras(SavedModelFiles files) {
        return KinspectException.unsupported(files.shownAs() + ": a SavedModel without Keras metadata (no "
                + KERAS_METADATA + ", none in " + SAVED_MODEL + "): it was not saved by tf.keras, or "
                + KERAS_METADATA + " was lost; kinspect rebuilds Keras models only (copy the whole folder, or save "
                + "the model with model.save(\"model.h5\"))");
    }
}
