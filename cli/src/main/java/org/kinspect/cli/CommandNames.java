package org.kinspect.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kinspect.errors.NearestNames;

/**
 * Tells a mistyped command from a model file: {@code kinspect sumary m.keras} would otherwise read
 * {@code sumary} as the model and fail on a missing file or option. A first argument that is no
 * file and looks like a word gets "did you mean summary?" instead.
 *
 * <pre>{@code
 * Optional<String> message = CommandNames.notACommand(Path.of("sumary"));
 * // "'sumary' is not a kinspect command (did you mean summary?)"
 * }</pre>
 */
final class CommandNames {
    /** How many edits away a word may be from a command to be suggested. */
    private static final int MOST_EDITS = 2;

    private CommandNames() {}

    /**
     * @param model what was given where the model goes
     * @return why it is neither a model file nor a command, when it looks like a mistyped command
     */
    static Optional<String> notACommand(Path model) {
        String word = model.toString();
        if (!word.matches("[A-Za-z][A-Za-z-]*") || Files.exists(model)) {
            return Optional.empty();
        }
        List<String> commands = KinspectCommand.subcommandNames();
        if (word.equals("inspect")) {
            return Optional.of("'inspect' is not a kinspect command: inspecting is what kinspect does without one "
                    + "(kinspect MODEL --input x.npy); the commands are " + String.join(", ", commands));
        }
        Optional<String> nearest = commands.stream()
                .min(Comparator.comparingInt(command -> NearestNames.editDistance(word.toLowerCase(), command)))
                .filter(command -> NearestNames.editDistance(word.toLowerCase(), command) <= MOST_EDITS);
        return Optional.of("'" + word + "' is neither a model file nor a kinspect command ("
                + nearest.map(command -> "did you mean " + command + "?")
                        .orElse("the commands are " + String.join(", ", commands)) + ")");
    }
}
