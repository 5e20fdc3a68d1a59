package org.kinspect.spark;

import org.kinspect.errors.KinspectException;

/**
 * A failed Spark job as one line: the kinspect problem a task reported (a bad row, a shard that
 * cannot be read), found under Spark's wrapping, or Spark's own reason's first line.
 *
 * <pre>{@code
 * try { parts = source.run(...); } catch (RuntimeException e) { throw JobFailures.oneLine(e); }
 * }</pre>
 */
final class JobFailures {

    private JobFailures() {}

    /**
     * @param failure what the job threw
     * @return the kinspect problem a task reported, or an input problem with Spark's reason
     */
    static KinspectException oneLine(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KinspectException problem) {
                return problem;
            }
        }
        return KinspectException.input("the Spark job failed: " + firstLine(failure)
                + " (rerun with --debug for Spark's trace)", failure);
    }

    /** @return the first line of a throwable's message (its class name when it has none) */
    static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
