package org.kinspect.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.kinspect.errors.KinspectException.Problem;
import org.kinspect.errors.KinspectException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr and an exit code a script can act on, the same for
 * every command (1 is {@code verify}'s mismatch, {@link VerifyCommand#MISMATCH}):
 * <ul>
 *   <li>2: the command line itself is wrong (picocli's usage errors), printed as one line plus a
 *       pointer to {@code --help};</li>
 *   <li>3 to 6: a {@link KinspectException}, printed as {@code kinspect: <message>}, its code
 *       chosen by its {@link Problem}: 3 a bad model file, 4 a bad input (anything else the user
 *       gave: {@code .npy} inputs and labels, a reference file, a layer or input name, an option's
 *       value, a plugin jar, the output folder), 5 a model feature kinspect does not support yet,
 *       6 not enough memory or time (an {@link OutOfMemoryError} too);</li>
 *   <li>70 (EX_SOFTWARE of sysexits.h): a bug, printed as
 *       {@code kinspect: internal error: <type>: <message> (please report this)}; a broken invariant
 *       kinspect caught itself ({@link Problem#INTERNAL}: a layer's output not of Keras's shape) is
 *       printed as {@code kinspect: internal error: <message> (please report this)}.</li>
 * </ul>
 * A stack trace is printed only with {@code --debug}, before that line.
 *
 * <pre>{@code
 * new CommandLine(new KinspectCommand())
 *         .setExecutionExceptionHandler(new ErrorReporter())
 *         .setParameterExceptionHandler(new ErrorReporter());
 * }</pre>
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int VERIFY_MISMATCH = 1;
    static final int USAGE_ERROR = 2;
    static final int BAD_MODEL_FILE = 3;
    static final int BAD_INPUT = 4;
    static final int UNSUPPORTED = 5;
    static final int OUT_OF_RESOURCES = 6;
    static final int INTERNAL_ERROR = 70;

    @Override
    public int handleParseException(ParameterException problem, String[] arguments) {
        CommandLine command = problem.getCommandLine();
        String message = oneLine(problem.getMessage());
        // "kinspect sumary m.keras": sumary was read as the model, m.keras is left unmatched
        Optional<String> mistypedCommand = command.getCommand() instanceof KinspectCommand root && root.modelFile != null
                ? CommandNames.notACommand(root.modelFile) : Optional.empty();
        if (mistypedCommand.isPresent()) {
            message = mistypedCommand.get();
        } else if (problem instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        PrintWriter err = command.getErr();
        err.println("kinspect: " + message);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE_ERROR;
    }

    @Override
    public int handleExecutionException(Exception problem, CommandLine command, ParseResult parseResult) {
        // --debug may come before the command (LeadingOptions): look at the whole command line
        return report(problem, command.getErr(), parseResult.originalArgs().contains(CommonOptions.DEBUG));
    }

    /**
     * @param problem what went wrong
     * @param err where to say so
     * @param debug whether to print the stack trace as well
     * @return the exit code
     */
    static int report(Throwable problem, PrintWriter err, boolean debug) {
        if (debug) {
            problem.printStackTrace(err);
        }
        int exitCode;
        if (problem instanceof KinspectException known && known.problem() == Problem.INTERNAL) {
            err.println("kinspect: internal error: " + oneLine(problem.getMessage()) + " (please report this)");
            exitCode = INTERNAL_ERROR;
        } else if (problem instanceof KinspectException known) {
            err.println("kinspect: " + oneLine(CommandLineTerms.of(problem.getMessage())));
            exitCode = exitCode(known.problem());
        } else if (problem instanceof OutOfMemoryError) {
            // Too large a model or batch for the memory Java was given: the user can fix that.
            err.println("kinspect: out of memory (" + oneLine(problem.getMessage()) + "); give Java more "
                    + "(java -Xmx8g -Dorg.bytedeco.javacpp.maxbytes=8G -jar kinspect.jar ...) or use a smaller batch");
            exitCode = OUT_OF_RESOURCES;
        } else {
            String message = problem.getMessage() == null ? "" : ": " + oneLine(problem.getMessage());
            err.println("kinspect: internal error: " + problem.getClass().getName() + message + " (please report this)");
            exitCode = INTERNAL_ERROR;
        }
        err.flush();
        return exitCode;
    }

    /**
     * @param problem what kind of problem a {@link KinspectException} reports
     * @return its exit code
     */
    static int exitCode(Problem problem) {
        return switch (problem) {
            case MODEL_FILE -> BAD_MODEL_FILE;
            case INPUT -> BAD_INPUT;
            case UNSUPPORTED -> UNSUPPORTED;
            case RESOURCES -> OUT_OF_RESOURCES;
            case INTERNAL -> INTERNAL_ERROR;
        };
    }

    /** Messages from libraries may span lines; the contract is one line per error. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
