package org.kinspect.file;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * Reads Keras's HDF5 layout (Keras 1, Keras 2, tf.keras and Keras 3's legacy {@code .h5}) with
 * jhdf: the {@code model_config} attribute and the weights under {@code model_weights}, found the
 * way Keras's own {@code load_weights_from_hdf5_group} finds them, through each layer group's
 * {@code weight_names} attribute.
 */
final class HdfModelReader {

    /**
     * Files up to this size are read whole and parsed in memory: through a file, jhdf reads or maps
     * each object header and heap on its own (a system call, or a mapping and its unmapping, each),
     * most of the native time of a small model's import. Larger files are read through the file, so that
     * their large weights ({@link DatasetValues}: from the same size on) are read later, straight
     * into the parameters; a 3 MB file read whole imported slower than through the file.
     */
    private static final long IN_MEMORY_UP_TO_BYTES = DatasetValues.READ_LATER_FROM_BYTES;

    private HdfModelReader() {}

    /**
     * The HDF5 file at {@code path}, opened for reading: in memory when it is small.
     *
     * @param file the file, once parsed: for a small file, a view of its bytes, which are read
     *     again by the next import once this one is closed
     */
    private record OpenHdf(HdfFile file, WholeFileBytes bytes) implements AutoCloseable {
        static OpenHdf of(Path path) {
            WholeFileBytes bytes = null;
            try {
                long size = Files.size(path);
                if (size <= IN_MEMORY_UP_TO_BYTES && size <= Integer.MAX_VALUE) {
                    bytes = WholeFileBytes.read(path, (int) size);
                    return new OpenHdf(HdfFile.fromByteBuffer(bytes.bytes()), bytes);
                }
            } catch (IOException e) {
                throw KinspectException.modelFile(path + ": cannot be read (" + e.getMessage() + ")", e);
            } catch (RuntimeException e) {
                if (bytes != null) {
                    bytes.close(); // jhdf refused the bytes: given back before the failure is reported
                }
                throw e;
            }
            return new OpenHdf(new HdfFile(path), null);
        }

        @Override
        public void close() {
            try {
                file.close();
            } finally {
                if (bytes != null) {
                    bytes.close();
                }
            }
        }
    }

    static StoredModel readModel(Path path) {
        try (OpenHdf open = OpenHdf.of(path)) {
            HdfFile file = open.file();
            HdfTruncation.requireComplete(file, path);
            String modelConfig = stringAttribute(file, "model_config");
            if (modelConfig == null) {
                String hint = file.getAttribute("layer_names") != null
                        ? "it is a weights-only file: give its JSON configuration too (model.to_json(); "
                                + KerasFile.OPEN_WITH_CONFIG + ")"
                        : "it has no model_config attribute; give a model saved by Keras (model.save)";
                throw KinspectException.modelFile(path + ": not a full Keras model file; " + hint);
            }
            Group weightsRoot = file.getChild("model_weights") instanceof Group group ? group : file;
            return new StoredModel(path, KerasFormat.HDF5_MODEL, modelConfig,
                    stringAttribute(file, "training_config"),
                    firstNonNull(stringAttribute(file, "keras_version"), stringAttribute(weightsRoot, "keras_version")),
                    firstNonNull(stringAttribute(file, "backend"), stringAttribute(weightsRoot, "backend")),
                    readWeights(weightsRoot, path));
        } catch (HdfException e) {
            throw damaged(path, e);
        }
    }

    static StoredModel readWeightsWithConfig(Path weightsPath, Path configPath, String modelConfig) {
        try (OpenHdf open = OpenHdf.of(weightsPath)) {
            HdfFile file = open.file();
            HdfTruncation.requireComplete(file, weightsPath);
            Group weightsRoot = file.getChild("model_weights") instanceof Group group ? group : file;
            if (stringListAttribute(weightsRoot, "layer_names", weightsPath) == null) {
                throw KinspectException.modelFile(weightsPath + ": not a Keras weights file (no layer_names attribute)");
            }
            return new StoredModel(weightsPath, KerasFormat.HDF5_WEIGHTS_WITH_JSON_CONFIG, modelConfig, null,
                    stringAttribute(weightsRoot, "keras_version"), stringAttribute(weightsRoot, "backend"),
                    readWeights(weightsRoot, weightsPath));
        } catch (HdfException e) {
            throw damaged(weightsPath, e);
        }
    }

    /**
     * Reads every layer group's weights from a group that has Keras's {@code layer_names}
     * attribute, as stored: which layer of a nested model or which cell of a stack each belongs to
     * is for the configuration to say ({@code weights.WeightNaming}).
     */
    static StoredWeights readWeights(Group root, Path path) {
        List<String> layerNames = stringListAttribute(root, "layer_names", path);
        if (layerNames == null) {
            return new StoredWeights.Named(new WeightStore(Map.of())); // read from a file: every layer with weights will say it has none
        }
        List<StoredWeights.LayerGroup> groups = new ArrayList<>();
        for (String layerName : layerNames) {
            if (!(root.getChild(layerName) instanceof Group layerGroup)) {
                throw KinspectException.modelFile(path + ": layer '" + layerName
                        + "' is listed in layer_names but has no weights group; the file is damaged");
            }
            List<String> weightNames = stringListAttribute(layerGroup, "weight_names", path);
            List<StoredWeight> weights = new ArrayList<>();
            for (String weightPath : weightNames == null ? List.<String>of() : weightNames) {
                if (!(layerGroup.getByPath(weightPath) instanceof Dataset dataset)) {
                    throw KinspectException.modelFile(path + ": weight '" + weightPath + "' of layer '" + layerName
                            + "' is missing; the file is damaged");
                }
                weights.add(new StoredWeight(weightPath, layerGroup.getPath() + weightPath, null,
                        DatasetValues.describe(dataset, path, 0, null)));
            }
            groups.add(new StoredWeights.LayerGroup(layerName, root.getPath() + layerName, weights));
        }
        return new StoredWeights.LayerGroups(groups);
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

    static List<String> stringListAttribute(Node node, String name, Path path) {
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
        throw KinspectException.modelFile(path + ": attribute '" + name + "' of '"
                + node.getPath() + "' is not a list of names; the file is damaged");
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    private static KinspectException damaged(Path path, Exception e) {
        return KinspectException.modelFile(path + ": the HDF5 file is damaged or truncated (" + e.getMessage() + ")", e);
    }
}
