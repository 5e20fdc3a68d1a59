package org.kinspect.cli;

import java.io.PrintWriter;
import org.kinspect.KinspectException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr and an exit code a script can act on:
 * <ul>
 *   <li>1: something the user can fix ({@link KinspectException}: a missing file, a wrong shape,
 *       an unknown layer), printed as {@code kinspect: <message>};</li>
 *   <li>2: the command line itself is wrong (picocli's usage errors), printed as one line plus a
 *       pointer to {@code --help};</li>
 *   <li>3: a bug, printed as {@code kinspect: internal error: <type>: <message> (please report this)}.</li>
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
    static final int USER_ERROR = 1;
    static final int USAGE_ERROR = 2;
    static final int INTERNAL_ERROR = 3;

    @Override
    public int handleParseException(ParameterException problem, String[] arguments) {
        CommandLine command = problem.getCommandLine();
        String message = oneLine(problem.getMessage());
        if (problem instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
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
        return report(problem, command.getErr(), command.getParseResult().hasMatchedOption(CommonOptions.DEBUG));
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
        if (problem instanceof KinspectException) {
            err.println("kinspect: " + oneLine(problem.getMessage()));
            exitCode = USER_ERROR;
        } else if (problem instanceof OutOfMemoryError) {
            // Too large a model or batch for the memory Java was given: the user can fix that.
            err.println("kinspect: out of memory (" + oneLine(problem.getMessage()) + "); give Java more "
                    + "(java -Xmx8g -Dorg.bytedeco.javacpp.maxbytes=8G -jar kinspect.jar ...) or use a smaller batch");
            exitCode = USER_ERROR;
        } else {
            String message = problem.getMessage() == null ? "" : ": " + oneLine(problem.getMessage());
            err.println("kinspect: internal error: " + problem.getClass().getName() + message + " (please report this)");
            exitCode = INTERNAL_ERROR;
        }
        err.flush();
        return exitCode;
    }

    /** Messages from libraries may span lines; the contract is one line per error. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
