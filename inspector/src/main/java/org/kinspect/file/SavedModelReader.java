package org.kinspect.file;

import java.nio.file.Path;
import java.util.List;
import org.kinspect.errors.KinspectException;

/**
 * Reads a tf.keras SavedModel directory ({@code model.save("my_model")}, TensorFlow 2.0 to 2.15)
 * without TensorFlow: the Keras configuration from the root object's metadata in
 * {@code keras_metadata.pb} (or, from TensorFlow before 2.5, in {@code saved_model.pb}'s object
 * graph), and the weights from the checkpoint in {@code variables/}, named through the
 * checkpoint's object graph ({@link SavedModelWeights}): the checkpoint says itself which layer
 * each variable is of, so its weights need no configuration to be named.
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
        WeightStore weights = SavedModelWeights.read(graph, objects, bundle, files.shownAs());
        return new StoredModel(source, KerasFormat.SAVED_MODEL, config.modelConfigJson(),
                config.trainingConfigJson(), config.kerasVersion(), "tensorflow", new StoredWeights.Named(weights));
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
