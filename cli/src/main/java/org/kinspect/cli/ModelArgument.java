package org.kinspect.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The MODEL argument of the commands that open one model, with its {@code --config JSON} for a
 * weights-only file: one wording for all. Mixed into each command with {@code @Mixin}; {@code diff}
 * (two models), {@code memory} (also a configuration alone) and {@code kinspect MODEL} (MODEL
 * optional) word theirs themselves.
 *
 * <pre>{@code
 * @Mixin ModelArgument modelFiles;
 * InspectedModel model = ModelLoader.open(modelFiles.model(), modelFiles.config(), common, progress);
 * }</pre>
 */
public final class ModelArgument {

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "Keras model: .h5, .keras, or a tf.keras SavedModel folder (or its .zip, .tar.gz); "
                    + "a weights-only .h5 with --config.")
    Path model;

    @Mixin
    WeightsOnlyConfig config;

    /** @return the MODEL argument */
    Path model() {
        return model;
    }

    /** @return the {@code --config} file, or null when MODEL is a full model */
    Path config() {
        return config.file();
    }
}
