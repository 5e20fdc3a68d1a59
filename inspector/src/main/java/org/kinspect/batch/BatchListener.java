package org.kinspect.batch;

/**
 * Told after every batch of a pass over a data set, so a caller can show progress.
 *
 * <pre>{@code
 * BatchListener listener = done -> System.err.printf("%d of %d examples%n", done, total);
 * }</pre>
 */
@FunctionalInterface
public interface BatchListener {
    /** Listens to nothing. */
    BatchListener NONE = done -> { };

    /**
     * @param examplesDone how many examples have been processed so far, this batch included
     */
    void examplesDone(long examplesDone);
}
