package org.kinspect.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.kinspect.errors.KinspectException;
import org.kinspect.safety.JsonNesting;
import org.kinspect.safety.Untrusted;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Opens a Keras model file, whatever Keras wrote it, and tells the format from the file's bytes.
 * It reads what the file holds and interprets none of the configuration: the weights come back as
 * the file groups them, named afterwards from the configuration by {@code weights.WeightNaming}.
 *
 * <pre>{@code
 * StoredModel stored = KerasFile.open(Path.of("model.h5"));
 * StoredModel fromWeights = KerasFile.open(Path.of("weights.h5"), Path.of("config.json"));
 * StoredModel described = KerasFile.openConfig(Path.of("config.json")); // no weights
 * StoredModel savedModel = KerasFile.open(Path.of("my_model"));         // a tf.keras SavedModel folder
 * }</pre>
 */
public final class KerasFile {
    /**
     * How an error message tells the caller to give a weights-only file's configuration (the CLI
     * says {@code --config FILE}).
     */
    public static final String OPEN_WITH_CONFIG = "InspectedModel.open(weights, config)";
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};
    private static final byte[] GZIP_SIGNATURE = {0x1f, (byte) 0x8b};

    private KerasFile() {}

    /**
     * Reads a full model file: an HDF5 file with {@code model_config}, a Keras 3 {@code .keras} zip,
     * or a tf.keras SavedModel folder or a {@code .zip} / {@code .tar.gz} of one.
     *
     * @param path the model file
     * @return its configuration and weights, as stored
     * @throws KinspectException when the file is missing, damaged or not a Keras model
     */
    public static StoredModel open(Path path) {
        return Untrusted.reading(path, () -> read(path, detect(path)));
    }

    /**
     * {@link #open(Path)} of a file whose format the caller has just asked {@link #detect} for,
     * which spares a second look at the file's first bytes.
     *
     * <pre>{@code
     * KerasFormat format = KerasFile.detect(path);
     * StoredModel stored = KerasFile.open(path, format);
     * }</pre>
     *
     * @param path the model file
     * @param format what {@link #detect} said of it
     * @return its configuration and weights, as stored
     * @throws KinspectException when the file is missing, damaged or not a Keras model
     */
    public static StoredModel open(Path path, KerasFormat format) {
        return Untrusted.reading(path, () -> read(path, format));
    }

    private static StoredModel read(Path path, KerasFormat format) {
        return switch (format) {
            case HDF5_MODEL -> HdfModelReader.readModel(path);
            case KERAS_ZIP -> KerasZipReader.read(path);
            case SAVED_MODEL -> readSavedModel(path);
            case JSON_CONFIG -> throw KinspectException.modelFile(path + ": a model configuration (JSON) without weights; "
                    + "give the weights file with this configuration, or open the configuration alone to plan memory");
            case HDF5_WEIGHTS_WITH_JSON_CONFIG -> throw new IllegalStateException("detect() never says so");
            case KINSPECT_CONVERTED -> throw KinspectException.modelFile(path + ": a model converted by kinspect, not a Keras"
                    + " file; open it with InspectedModel.open");
        };
    }

    /**
     * Reads a weights-only HDF5 file ({@code model.save_weights}) with the model's JSON configuration
     * ({@code model.to_json()}).
     *
     * @param weights the weights file
     * @param configJson the JSON configuration file
     * @return its configuration and weights, as stored
     * @throws KinspectException when a file is missing, damaged or not what it should be
     */
    public static StoredModel open(Path weights, Path configJson) {
        if (detect(weights) != KerasFormat.HDF5_MODEL) {
            throw KinspectException.modelFile(weights + ": a weights file must be HDF5 (.h5) when a JSON configuration is given");
        }
        String config;
        try {
            config = Files.readString(requireReadable(configJson));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw KinspectException.modelFile(configJson + ": cannot read the configuration file (" + e.getMessage() + ")");
        }
        JsonNesting.check(config, configJson.toString());
        return Untrusted.reading(weights, () -> HdfModelReader.readWeightsWithConfig(weights, configJson, config));
    }

    /**
     * Reads a model configuration alone ({@code model.to_json()}, any Keras version): enough to
     * describe the model and plan its memory; the graph gets zero weights.
     *
     * <pre>{@code
     * StoredModel stored = KerasFile.openConfig(Path.of("model.json"));
     * stored.weights();   // StoredWeights.ConfigurationOnly
     * }</pre>
     *
     * @param configJson the JSON configuration file
     * @return its configuration, the Keras version and backend it names (null when it does not), no weights
     * @throws KinspectException when the file is missing, unreadable or not a JSON object
     */
    public static StoredModel openConfig(Path configJson) {
        if (detect(configJson) != KerasFormat.JSON_CONFIG) {
            throw KinspectException.modelFile(configJson + ": not a JSON model configuration; give the file model.to_json() wrote");
        }
        String config;
        Map<?, ?> top;
        try {
            config = Files.readString(configJson);
            JsonNesting.check(config, configJson.toString());
            top = new ObjectMapper().readValue(config, Map.class);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw KinspectException.modelFile(configJson + ": not a readable JSON model configuration ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        // Keras 1 and 2 write their version and backend into to_json(); Keras 3 does not.
        String version = top.get("keras_version") instanceof String text ? text : null;
        String backend = top.get("backend") instanceof String text ? text : null;
        return new StoredModel(configJson, KerasFormat.JSON_CONFIG, config, null, version, backend,
                new StoredWeights.ConfigurationOnly());
    }

    private static StoredModel readSavedModel(Path path) {
        if (Files.isDirectory(path)) {
            return SavedModelReader.read(path, SavedModelFiles.of(path, path.toString()));
        }
        byte[] head = head(path);
        return SavedModelArchive.read(path, startsWith(head, head.length, GZIP_SIGNATURE));
    }

    /**
     * Tells how a file is stored from its first bytes (a folder, from the files in it).
     *
     * @param path the file or folder
     * @return {@link KerasFormat#HDF5_MODEL} for any HDF5 file, {@link KerasFormat#KERAS_ZIP} for a zip,
     *     {@link KerasFormat#SAVED_MODEL} for a SavedModel folder or a zip or {@code .tar.gz} holding one,
     *     {@link KerasFormat#JSON_CONFIG} for text that starts (after blanks) with a JSON object
     * @throws KinspectException when the file is missing, empty, or none of these
     */
    public static KerasFormat detect(Path path) {
        if (Files.isDirectory(path)) {
            if (Files.exists(path.resolve(SavedModelReader.KERAS_METADATA))
                    || Files.exists(path.resolve(SavedModelReader.SAVED_MODEL))) {
                return KerasFormat.SAVED_MODEL;
            }
            throw KinspectException.modelFile(path + ": is a folder without saved_model.pb or keras_metadata.pb; "
                    + "give a Keras model file (.h5 or .keras) or a SavedModel folder");
        }
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(requireReadable(path))) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw KinspectException.modelFile(path + ": cannot read the file (" + e.getMessage() + ")");
        }
        if (read == 0) {
            throw KinspectException.modelFile(path + ": the file is empty; give a Keras model file (.h5 or .keras)");
        }
        if (startsWith(head, read, HDF5_SIGNATURE)) {
            return KerasFormat.HDF5_MODEL;
        }
        if (startsWith(head, read, ZIP_SIGNATURE)) {
            if (ConvertedZip.isConverted(path)) {
                return KerasFormat.KINSPECT_CONVERTED;
            }
            return SavedModelArchive.isSavedModelZip(path) ? KerasFormat.SAVED_MODEL : KerasFormat.KERAS_ZIP;
        }
        if (startsWith(head, read, GZIP_SIGNATURE)) {
            return KerasFormat.SAVED_MODEL; // a .tar.gz; SavedModelArchive says when it holds none
        }
        if (startsJsonObject(head, read)) {
            return KerasFormat.JSON_CONFIG;
        }
        String what = head[0] == (byte) 0x80 ? "a Python pickle" : "neither HDF5 nor a .keras zip";
        throw KinspectException.modelFile(path + ": not a Keras model file (" + what
                + "); give a model saved by Keras as .h5 or .keras, or a SavedModel folder");
    }

    private static byte[] head(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(8);
        } catch (IOException e) {
            throw KinspectException.modelFile(path + ": cannot read the file (" + e.getMessage() + ")");
        }
    }

    private static Path requireReadable(Path path) {
        if (!Files.exists(path)) {
            throw KinspectException.modelFile(path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw KinspectException.modelFile(path + ": is a folder; give a Keras model file (.h5 or .keras) or a SavedModel folder");
        }
        if (!Files.isReadable(path)) {
            throw KinspectException.modelFile(path + ": the file is not readable (check its permissions)");
        }
        return path;
    }

    private static boolean startsJsonObject(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            if (head[i] == '{') return true;
            if (!Character.isWhitespace(head[i])) return false;
        }
        return false;
    }

    private static boolean startsWith(byte[] head, int length, byte[] signature) {
        if (length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
