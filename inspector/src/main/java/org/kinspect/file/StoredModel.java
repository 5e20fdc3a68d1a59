package org.kinspect.file;

import java.nio.file.Path;

/**
 * What a Keras model file holds, as stored, before anything reads its configuration: the
 * configuration as JSON text, what the file says of the Keras that wrote it, and its weights as the
 * file groups them ({@link StoredWeights}). The next steps read the configuration
 * ({@code config.ConfigNormalizer}) and name the weights from it ({@code weights.WeightNaming},
 * which makes the {@link ModelArchive}).
 *
 * <pre>{@code
 * StoredModel stored = KerasFile.open(Path.of("model.keras"));
 * stored.modelConfigJson();   // config.json of the zip, as Keras wrote it
 * stored.weights();           // StoredWeights.VariableTree: layers/dense/vars/0, ...
 * }</pre>
 *
 * @param source the file it was read from
 * @param format how it was stored
 * @param modelConfigJson the model configuration, as Keras wrote it (JSON; a SavedModel's with its
 *     tuples written as lists, as an HDF5 file writes them)
 * @param trainingConfigJson the training configuration, or null when the file has none
 * @param kerasVersion the Keras version that wrote the file, e.g. {@code 2.2.4}; null when unknown
 * @param backend the backend that wrote it ({@code tensorflow}, {@code theano}, {@code torch}...);
 *     null when unknown
 * @param weights the weights as the file stores them
 */
public record StoredModel(
        Path source,
        KerasFormat format,
        String modelConfigJson,
        String trainingConfigJson,
        String kerasVersion,
        String backend,
        StoredWeights weights) {}
