package org.kinspect.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Options written before the command ({@code kinspect --json summary m.keras},
 * {@code kinspect -q --plugin p.jar eval ...}) count as if written after it: they are handed to
 * the command, which has them too. An option the command does not take
 * ({@code kinspect --layer x summary m.keras}) is refused; none is ever silently ignored.
 *
 * <pre>{@code
 * new CommandLine(new KinspectCommand()).setExecutionStrategy(LeadingOptions::execute);
 * }</pre>
 */
final class LeadingOptions {

    private LeadingOptions() {}

    /**
     * Runs the command line as picocli's {@link RunLast} does, after moving the options given
     * before the command onto it.
     *
     * @param parsed the whole parse result
     * @return the exit code
     */
    static int execute(ParseResult parsed) {
        if (parsed.hasSubcommand()) {
            handOn(parsed, parsed.subcommand());
        }
        return new RunLast().execute(parsed);
    }

    private static void handOn(ParseResult root, ParseResult command) {
        CommandLine commandLine = command.commandSpec().commandLine();
        for (OptionSpec option : root.matchedOptions()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            OptionSpec target = command.commandSpec().findOption(option.longestName());
            if (target == null) {
                throw new ParameterException(commandLine, option.longestName() + " is not an option of '"
                        + command.commandSpec().qualifiedName() + "' (options of a command go after it: "
                        + command.commandSpec().qualifiedName() + " --help lists them)");
            }
            if (command.hasMatchedOption(target)) {
                Object before = option.getValue();
                Object after = target.getValue();
                if (before instanceof List<?> first && after instanceof List<?> second) {
                    @SuppressWarnings("unchecked")
                    List<Object> merged = (List<Object>) second;
                    merged.addAll(0, first);
                    continue;
                }
                if (before instanceof Boolean) {
                    continue;
                }
                throw new ParameterException(commandLine, option.longestName()
                        + " is given both before and after '" + command.commandSpec().name() + "': give it once");
            }
            target.setValue(option.getValue());
        }
    }
}
