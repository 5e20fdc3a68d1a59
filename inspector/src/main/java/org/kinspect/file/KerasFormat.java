package org.kinspect.file;

/** How a Keras model was stored. Told from the file's bytes, never from its name. */
public enum KerasFormat {
    /** An HDF5 file written by Keras 1, Keras 2, tf.keras or Keras 3 ({@code model.save("m.h5")}). */
    HDF5_MODEL,
    /** An HDF5 weights file ({@code save_weights}) read together with a JSON configuration file. */
    HDF5_WEIGHTS_WITH_JSON_CONFIG,
    /** A Keras 3 {@code .keras} zip: {@code config.json}, {@code metadata.json}, {@code model.weights.h5}. */
    KERAS_ZIP,
    /**
     * A tf.keras SavedModel directory ({@code model.save("my_model")}, TensorFlow 2.x), or a
     * {@code .zip} or {@code .tar.gz} of one: {@code keras_metadata.pb} and {@code variables/}.
     */
    SAVED_MODEL,
    /** A model configuration alone ({@code model.to_json()}), no weights: see {@link KerasFile#openConfig}. */
    JSON_CONFIG,
    /**
     * A model converted by kinspect ({@code kinspect convert}): a zip with a DL4J ComputationGraph
     * (ModelSerializer's entries) and {@code kinspect/converted.json}; opened by
     * {@code InspectedModel.open}, never read as a Keras file.
     */
    KINSPECT_CONVERTED;

    /**
     * @return how a person would say it, e.g. {@code Keras 3 .keras zip} for {@link #KERAS_ZIP}
     *     ({@link #name()} stays the machine's name, as JSON output gives it)
     */
    public String description() {
        return switch (this) {
            case HDF5_MODEL -> "HDF5 model file";
            case HDF5_WEIGHTS_WITH_JSON_CONFIG -> "HDF5 weights file + JSON config";
            case KERAS_ZIP -> "Keras 3 .keras zip";
            case SAVED_MODEL -> "TensorFlow SavedModel";
            case JSON_CONFIG -> "JSON configuration, no weights";
            case KINSPECT_CONVERTED -> "model converted by kinspect";
        };
    }
}
