package org.kinspect.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The options every kinspect command takes: {@code --json}, {@code --quiet} and {@code --debug}.
 * Mixed into each command with {@code @Mixin}.
 *
 * <pre>{@code
 * @Mixin CommonOptions common;
 * Progress progress = common.progress(err);   // silent under --json or --quiet
 * }</pre>
 */
public final class CommonOptions {
    /** The option name {@link ErrorReporter} looks for to decide whether to print a stack trace. */
    static final String DEBUG = "--debug";

    @Option(names = "--json", description = "Print one JSON object on stdout instead of a table (no progress lines).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress lines on stderr.")
    boolean quiet;

    @Option(names = DEBUG, description = "On an error, print the full stack trace too.")
    boolean debug;

    /**
     * @param err where progress lines go
     * @return progress reporting that is silent under {@code --json} and {@code --quiet}
     */
    Progress progress(PrintWriter err) {
        return new Progress(err, json || quiet);
    }
}
