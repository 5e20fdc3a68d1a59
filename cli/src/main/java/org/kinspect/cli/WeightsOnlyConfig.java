package org.kinspect.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config JSON} option of the commands that open a model: the model's JSON
 * configuration ({@code model.to_json()}) when MODEL is a weights-only {@code .h5}. Part of
 * {@link ModelArgument}; {@code kinspect MODEL}, which words its MODEL itself, mixes it in
 * alone.
 *
 * <pre>{@code
 * @Mixin WeightsOnlyConfig config;
 * InspectedModel model = ModelLoader.open(modelFile, config.file(), common, progress);
 * }</pre>
 */
public final class WeightsOnlyConfig {

    @Option(names = "--config", paramLabel = "JSON",
            description = "The model's JSON configuration (model.to_json()) when MODEL holds weights only.")
    Path json;

    /** @return the configuration file, or null when MODEL is a full model */
    Path file() {
        return json;
    }
}
