package org.kinspect.cli;

import java.nio.file.Path;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J, opens the MODEL argument of a command with its {@code --config} when there is one,
 * and names file formats for people.
 *
 * <pre>{@code
 * InspectedModel model = ModelLoader.open(Path.of("weights.h5"), Path.of("model.json"), common, progress);
 * }</pre>
 */
final class ModelLoader {

    private ModelLoader() {}

    /**
     * Loads ND4J and its native libraries, which takes a second or two the first time; done as a
     * step of its own so that the time is not charged to whatever touches ND4J first (reading a
     * tiny {@code .npy} file would seem to take seconds).
     *
     * @param progress where to say so
     */
    static void startNd4j(Progress progress) {
        progress.step("starting ND4J", Nd4j::getBackend);
    }

    /**
     * @param modelFile a full model file, or a weights-only {@code .h5} when {@code configJson} is given
     * @param configJson the JSON configuration ({@code model.to_json()}), or null
     * @param options {@code --strict} and {@code --plugin}
     * @param progress where to say that importing is under way (it takes seconds), and to print
     *     the model's warnings (NaN weights...)
     * @return the imported model
     */
    static InspectedModel open(Path modelFile, Path configJson, CommonOptions options, Progress progress) {
        return open(modelFile, configJson, options.importOptions(), progress);
    }

    /**
     * As {@link #open}, for a command that describes the model and never runs it: a Lambda layer
     * without a Java replacement is shown, not refused.
     *
     * @param modelFile a full model file, or a weights-only {@code .h5} when {@code configJson} is given
     * @param configJson the JSON configuration, or null
     * @param options {@code --strict} and {@code --plugin}
     * @param progress where to say that importing is under way
     * @return the imported model
     */
    static InspectedModel openToDescribe(Path modelFile, Path configJson, CommonOptions options, Progress progress) {
        return open(modelFile, configJson, options.importOptions().withDescribeOnly(true), progress);
    }

    private static InspectedModel open(Path modelFile, Path configJson, ImportOptions importOptions,
            Progress progress) {
        InspectedModel model = progress.step("importing " + modelFile.getFileName(), () -> configJson == null
                ? InspectedModel.open(modelFile, importOptions)
                : InspectedModel.open(modelFile, configJson, importOptions));
        model.warnings().forEach(progress::warning);
        return model;
    }

    /**
     * As {@link #open}, and a MODEL that is a JSON configuration alone ({@code model.to_json()}) is
     * opened without weights, for commands that need the model's description only.
     *
     * @param modelFile a model file, a weights-only {@code .h5} with {@code configJson}, or a JSON configuration
     * @param configJson the JSON configuration for a weights-only file, or null
     * @param options {@code --strict} and {@code --plugin}
     * @param progress where to say that importing is under way
     * @return the imported model; without weights when MODEL is a configuration
     */
    static InspectedModel openDescription(Path modelFile, Path configJson, CommonOptions options, Progress progress) {
        // Described, not run: a Lambda without a Java replacement is shown, not refused.
        ImportOptions importOptions = options.importOptions().withDescribeOnly(true);
        if (configJson == null && InspectedModel.isConfigurationOnly(modelFile)) {
            return progress.step("importing " + modelFile.getFileName(),
                    () -> InspectedModel.openConfig(modelFile, importOptions));
        }
        return open(modelFile, configJson, importOptions, progress);
    }
}
