package org.kinspect.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kinspect.InspectedModel;
import org.kinspect.batch.NpyBatches;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --input [NAME=]FILE} and {@code --batch N} of the commands that stream a whole data set
 * through a model ({@code units}, {@code eval}, {@code diff}): one wording and one check for all.
 * Mixed into each command with {@code @Mixin}.
 *
 * <pre>{@code
 * @Mixin DataSetOptions dataSet;
 * dataSet.checkWith(commandLine);                     // --batch 0 is a usage error
 * try (NpyBatches data = dataSet.open(model)) { ... }
 * }</pre>
 */
public final class DataSetOptions {

    @Option(names = "--input", required = true, paramLabel = "[NAME=]FILE",
            converter = InputArgument.Converter.class,
            description = "The data set as a .npy file, examples along the first axis, in Keras's layout. FILE alone "
                    + "for a single-input model; NAME=FILE for each input of a model with several.")
    List<InputArgument> inputs = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256",
            description = "Examples run at a time (default: ${DEFAULT-VALUE}). Larger is faster until memory runs short.")
    int batchSize;

    /** @return the {@code --input} arguments, as given */
    List<InputArgument> inputs() {
        return inputs;
    }

    /** @return the {@code --input} files */
    List<Path> files() {
        return inputs.stream().map(InputArgument::file).toList();
    }

    /** @return examples run at a time */
    int batchSize() {
        return batchSize;
    }

    /**
     * @param commandLine the command, for the usage error
     * @throws ParameterException for a {@code --batch} below 1
     */
    void checkWith(CommandLine commandLine) {
        if (batchSize < 1) {
            throw new ParameterException(commandLine, "--batch must be 1 or more, not " + batchSize);
        }
    }

    /**
     * @param model the model the data set is for
     * @return the data set, a batch at a time, each file checked against the model's input
     */
    NpyBatches open(InspectedModel model) {
        return DataSetFiles.open(inputs, model, batchSize);
    }

    /**
     * @param model the model the data set is for
     * @param required the model inputs that must be given (others may be left out)
     * @return the data set, a batch at a time, each file checked against the model's input
     */
    NpyBatches open(InspectedModel model, java.util.Collection<String> required) {
        return DataSetFiles.open(inputs, model, required, batchSize);
    }
}
