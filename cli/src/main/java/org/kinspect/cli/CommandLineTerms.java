package org.kinspect.cli;

import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.eval.Evaluator;
import org.kinspect.inspect.memory.MemoryOptions;

/**
 * The library's error messages tell a Java caller what to call ({@code Evaluator.of(model,
 * outputLayer)}); on the command line the same advice is an option. This puts the option in place
 * of the call, in every library message the CLI prints.
 *
 * <pre>{@code
 * CommandLineTerms.of("...; say which to evaluate with Evaluator.of(model, outputLayer)");
 * // "...; say which to evaluate with --output NAME"
 * }</pre>
 */
final class CommandLineTerms {
    private static final Map<String, String> OPTIONS = Map.of(
            Evaluator.NAME_THE_OUTPUT, "--output NAME",
            Evaluator.SAY_BINARY, "--kind binary",
            Evaluator.SAY_SEVERAL_VALUES, "--kind multiclass or --kind multilabel",
            Evaluator.SAY_THE_KIND, "--kind binary|multiclass|multilabel",
            InspectedModel.OPEN_WITH_CONFIG, "--config FILE",
            MemoryOptions.GIVE_STEPS, "--steps N",
            MemoryOptions.GIVE_INPUT_SHAPES, "--input-shape NAME=...");

    private CommandLineTerms() {}

    /**
     * @param message a library error message, or null
     * @return the message with the command line's options in place of the library calls it names
     */
    static String of(String message) {
        if (message == null) return null;
        String translated = message;
        for (Map.Entry<String, String> term : OPTIONS.entrySet()) {
            translated = translated.replace(term.getKey(), term.getValue());
        }
        return translated;
    }
}
