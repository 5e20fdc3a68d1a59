package org.kinspect.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.kinspect.Nd4jStart;
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

    /** Arguments after which no command starts ND4J: the help and the version. */
    private static final Set<String> WITHOUT_ND4J = Set.of("--help", "-h", "--version", "-V", "help");

    /**
     * Commands that leave ND4J to start when the model needs it, if it does: a summary reads the
     * model's description and checks its weights without ND4J for most models (those of Dense and
     * LSTM layers: the sample's), and starting it costs more than the rest of the command.
     */
    private static final Set<String> ND4J_WHEN_NEEDED = Set.of("summary");

    private ModelLoader() {}

    /**
     * Starts loading ND4J and its native libraries on a thread of its own, at once, so that it
     * overlaps what a command does before it needs ND4J (picocli reading the command line, reading
     * and normalising the model's configuration) on a second core; {@link #startNd4j} then waits for
     * it. The library's one start ({@link Nd4jStart}, which an import begins too: a later import
     * finds it under way). Nothing is started for the help and the version, which never need ND4J, nor for a
     * command that starts it only when its model needs it ({@link #ND4J_WHEN_NEEDED}).
     *
     * @param arguments the command line
     */
    static void startNd4jEarly(String[] arguments) {
        if (arguments.length == 0 || Arrays.stream(arguments).anyMatch(WITHOUT_ND4J::contains)
                || ND4J_WHEN_NEEDED.contains(commandWord(arguments))) {
            return;
        }
        Nd4jStart.ahead();
    }

    /**
     * @return the first argument that is not an option: the command's name when one is given (an
     *     option before it that takes a value hides it, and ND4J is then started early as for any command)
     */
    private static String commandWord(String[] arguments) {
        for (String argument : arguments) {
            if (!argument.startsWith("-")) {
                return argument;
            }
        }
        return "";
    }

    /**
     * Loads ND4J and its native libraries, which takes a second or two the first time; done as a
     * step of its own so that the time is not charged to whatever touches ND4J first (reading a
     * tiny {@code .npy} file would seem to take seconds). A command that imports its model first
     * does without it: the import waits for ND4J where it builds the graph (inside "importing"),
     * and reads and maps the model meanwhile; the command checks its input files before the import
     * ({@link InputFiles#check}) and reads them after. Commands that read arrays before their import
     * ({@code verify}) or describe the model without running it keep this step.
     *
     * @param progress where to say so
     */
    static void startNd4j(Progress progress) {
        progress.step("starting ND4J", () -> {
            Nd4jStart.await(); // what the early start threw is thrown here
            return Nd4j.getBackend();
        });
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
