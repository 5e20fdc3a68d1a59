package org.kinspect.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Short progress lines on stderr for the steps a person may wait for (importing a model, running
 * a batch), so a silent terminal never looks hung. Nothing is printed when the user asked for
 * {@code --json} or {@code --quiet}, and stdout is never touched.
 *
 * <pre>{@code
 * Progress progress = new Progress(err, false);
 * InspectedModel model = progress.step("importing model.h5", () -> InspectedModel.open(file));
 * // stderr: importing model.h5 ... done in 1.4 s
 * }</pre>
 */
final class Progress {
    private final PrintWriter err;
    private final boolean silent;

    /**
     * @param err where progress lines go
     * @param silent true to print nothing
     */
    Progress(PrintWriter err, boolean silent) {
        this.err = err;
        this.silent = silent;
    }

    /**
     * Prints a warning about the model or the inputs, as {@code kinspect: warning: <line>}: also
     * under {@code --json} and {@code --quiet}, as it is on stderr and may change what the numbers mean.
     *
     * @param line one line, e.g. {@code layer 'dense': weight 'kernel' holds 3 NaN of its 50 values}
     */
    void warning(String line) {
        err.println("kinspect: warning: " + line);
        err.flush();
    }

    /**
     * Runs one step, announcing it before and closing the line after, also when it fails, so that
     * the error message that follows starts on a line of its own.
     *
     * @param description what is being done, e.g. {@code importing model.h5}
     * @param work the step
     * @return what the step returned
     */
    <T> T step(String description, Supplier<T> work) {
        if (silent) {
            return work.get();
        }
        err.print(description + " ... ");
        err.flush();
        long start = System.nanoTime();
        boolean finished = false;
        try {
            T result = work.get();
            finished = true;
            return result;
        } finally {
            double seconds = (System.nanoTime() - start) / 1e9;
            err.println(finished ? String.format(Locale.ROOT, "done in %.1f s", seconds) : "failed");
            err.flush();
        }
    }
}
