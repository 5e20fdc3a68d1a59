package org.kinspect.safety;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.kinspect.errors.KinspectException;

/**
 * Bounds the time of one import or one run. A damaged file can hold a loop (an HDF5 structure
 * that points back at itself, a configuration whose layers feed each other) that a library
 * follows forever; past the limit the caller gets a {@link KinspectException} instead of a hang.
 *
 * <p>The work runs on a daemon thread of its own (one of {@code StepThreads}, kept from one step to
 * the next). Java cannot stop a thread that ignores interruption, so one that overran is
 * interrupted and left behind: the kinspect command exits right after the message, which ends it.
 *
 * <p>The limit is {@value #DEFAULT_SECONDS} s, or the system property {@value #PROPERTY} (seconds):
 * enough for any model that fits in memory here, far short of forever.
 *
 * <pre>{@code
 * StoredModel stored = TimeLimit.run("reading model.h5", () -> KerasFile.open(Path.of("model.h5")));
 * }</pre>
 */
public final class TimeLimit {
    /** The system property that sets the limit, in seconds. */
    public static final String PROPERTY = "kinspect.timeLimitSeconds";
    static final long DEFAULT_SECONDS = 600;

    private TimeLimit() {}

    /** @return the limit in force */
    public static Duration limit() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            try {
                double seconds = Double.parseDouble(configured.strip());
                if (seconds > 0) {
                    return Duration.ofMillis((long) (seconds * 1000));
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw KinspectException.input("-D" + PROPERTY + "=" + configured + " is not a number of seconds above 0");
        }
        return Duration.ofSeconds(DEFAULT_SECONDS);
    }

    /**
     * @param what the step, for the message, e.g. {@code importing model.h5}
     * @param work the step
     * @return what the step returned
     * @throws KinspectException when the step takes longer than {@link #limit()}; whatever the step
     *     throws is thrown as it is
     */
    public static <T> T run(String what, Supplier<T> work) {
        Duration limit = limit();
        StepThreads.Step<T> step = StepThreads.start("kinspect-" + what, work);
        try {
            return step.result().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            step.interrupt();
            throw KinspectException.resources(what + " did not finish within " + seconds(limit) + "; the file may be "
                    + "damaged (a loop in its structure), or the model needs more time (-D" + PROPERTY + "=SECONDS)");
        } catch (InterruptedException e) {
            step.interrupt();
            Thread.currentThread().interrupt();
            throw KinspectException.resources(what + " was interrupted");
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static String seconds(Duration limit) {
        return String.format(java.util.Locale.ROOT, "%.3g s", limit.toMillis() / 1000.0);
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
