package org.kinspect.file;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a Keras model file holds, its weights named by Keras layer and weight name: a
 * {@link StoredModel} after {@code weights.WeightNaming} has named its weights from the
 * configuration (or a converted model read back by {@code convert}).
 *
 * <pre>{@code
 * ModelArchive archive = WeightNaming.read(Path.of("model.h5"));
 * archive.weights().layer("dense_1").orElseThrow().byName().get("kernel").values();
 * }</pre>
 *
 * @param source the file it was read from
 * @param format how it was stored
 * @param modelConfigJson the model configuration, as Keras wrote it (JSON)
 * @param trainingConfigJson the training configuration, or null when the file has none
 * @param kerasVersion the Keras version that wrote the file, e.g. {@code 2.2.4}; null when unknown
 * @param backend the backend that wrote it ({@code tensorflow}, {@code theano}, {@code torch}...);
 *     null when unknown
 * @param weights every layer's weights
 */
public record ModelArchive(
        Path source,
        KerasFormat format,
        String modelConfigJson,
        String trainingConfigJson,
        String kerasVersion,
        String backend,
        WeightStore weights) {

    /** @return the training configuration, when the file has one */
    public Optional<String> trainingConfig() {
        return Optional.ofNullable(trainingConfigJson);
    }
}
