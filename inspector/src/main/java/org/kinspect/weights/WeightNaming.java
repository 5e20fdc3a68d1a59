package org.kinspect.weights;

import java.nio.file.Path;
import java.util.Map;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.KerasFile;
import org.kinspect.file.ModelArchive;
import org.kinspect.file.StoredModel;
import org.kinspect.file.StoredWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.safety.Untrusted;

/**
 * The step after the configuration is read: names a file's weights, as {@link KerasFile} stored
 * them, by Keras layer and weight name, the way Keras's own loaders walk the model its configuration
 * builds ({@code saving_lib} for a {@code .keras} zip, {@code load_weights_from_hdf5_group} for an
 * {@code .h5}), or for a SavedModel as its checkpoint's object graph and Keras metadata say. The result is the {@link ModelArchive} the graph importer reads weights from.
 *
 * <pre>{@code
 * StoredModel stored = KerasFile.open(Path.of("model.keras"));
 * ModelSpec spec = ConfigNormalizer.normalize(stored.modelConfigJson(), stored.kerasVersion(),
 *         stored.backend(), "model.keras");
 * ModelArchive archive = WeightNaming.name(stored);
 * archive.weights().layer("lstm").orElseThrow().byName().get("recurrent_kernel");
 *
 * ModelArchive sameInOneCall = WeightNaming.read(Path.of("model.keras"));
 * }</pre>
 */
public final class WeightNaming {

    private WeightNaming() {}

    /**
     * @param stored what a model file holds
     * @return the same, its weights keyed by Keras layer name ({@code MODEL/LAYER} in a nested
     *     model) and named as Keras 2 names them ({@code kernel}, {@code forward_bias}...)
     * @throws KinspectException when the weights do not belong to the configuration (a layer with no
     *     group, a layer with more or fewer weights than its configuration implies, a weight of a
     *     nested model that names none of its layers) or the file is damaged
     */
    public static ModelArchive name(StoredModel stored) {
        return name(stored, null);
    }

    /**
     * As {@link #name(StoredModel)}, given the file's configuration already parsed, which an import
     * has parsed to normalise it: an {@code .h5} file's layer groups are then named without parsing
     * it again.
     *
     * <pre>{@code
     * Map<String, Object> parsed = ConfigNormalizer.parse(stored.modelConfigJson(), "model.h5");
     * ModelArchive archive = WeightNaming.name(stored, ConfigValues.mutableCopy(parsed));
     * }</pre>
     *
     * @param stored what a model file holds
     * @param parsedConfig its {@code modelConfigJson} as {@code ConfigNormalizer.parse} gives it, not
     *     rewritten since; null to parse it here
     * @return the same, its weights keyed by Keras layer name and named as Keras 2 names them
     * @throws KinspectException as {@link #name(StoredModel)}
     */
    public static ModelArchive name(StoredModel stored, Map<String, Object> parsedConfig) {
        WeightStore weights = Untrusted.reading(stored.source(), () -> weights(stored, parsedConfig));
        return new ModelArchive(stored.source(), stored.format(), stored.modelConfigJson(),
                stored.trainingConfigJson(), stored.kerasVersion(), stored.backend(), weights);
    }

    /**
     * Reads a full model file and names its weights: {@link KerasFile#open(Path)}, then {@link #name}.
     *
     * @param modelFile an {@code .h5}, a {@code .keras} zip, or a SavedModel folder or archive
     * @return its configuration and named weights
     * @throws KinspectException when the file is missing, damaged or not a Keras model
     */
    public static ModelArchive read(Path modelFile) {
        return name(KerasFile.open(modelFile));
    }

    /**
     * Reads a weights-only HDF5 file with the model's JSON configuration and names its weights.
     *
     * @param weightsFile the weights ({@code model.save_weights})
     * @param configJson the configuration ({@code model.to_json()})
     * @return the configuration and named weights
     * @throws KinspectException when a file is missing, damaged or not what it should be
     */
    public static ModelArchive read(Path weightsFile, Path configJson) {
        return name(KerasFile.open(weightsFile, configJson));
    }

    private static WeightStore weights(StoredModel stored, Map<String, Object> parsedConfig) {
        StoredWeights weights = stored.weights();
        if (weights instanceof StoredWeights.LayerGroups groups) {
            return parsedConfig != null ? LayerGroupNaming.name(groups, parsedConfig, stored.source())
                    : LayerGroupNaming.name(groups, stored.modelConfigJson(), stored.source());
        }
        if (weights instanceof StoredWeights.VariableTree tree) {
            return Keras3WeightGroups.read(tree.root(), stored.modelConfigJson(), stored.source());
        }
        if (weights instanceof StoredWeights.Checkpoint checkpoint) {
            return CheckpointNaming.name(checkpoint);
        }
        if (weights instanceof StoredWeights.Named named) {
            return named.store();
        }
        return WeightStore.empty();
    }
}
