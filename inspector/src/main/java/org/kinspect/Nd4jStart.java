package org.kinspect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's backend started ahead, on a daemon thread of its own, while the work before it goes on.
 * Starting ND4J (its native libraries, JavaCPP's classes, the backend) is about half of a small
 * model's import in a fresh JVM; reading the file, normalising the configuration and naming the
 * weights need none of it, so an import starts it at once ({@link #ahead}) and waits for it where
 * the graph is built ({@link #await}). The command line starts it before it even parses its
 * arguments. One start per JVM: later calls of {@link #ahead} do nothing. This start is also cheaper
 * than ND4J's own: {@link Nd4jStartSettings} tells JavaCPP and ND4J, for the start's duration and only
 * where the user set nothing, what they would otherwise spend time finding out (no variant build of
 * the native libraries on the class path; an initialisation log nobody sees).
 *
 * <p>Something that touches ND4J before {@link #await} simply waits for the start to finish (the
 * JVM initialises a class once, other threads wait for it). What the start throws (a native
 * library that does not load) is thrown by {@link #await}, on every call, as it was thrown by the
 * start; code that touched ND4J before that sees the JVM's "could not initialise" error instead.
 *
 * <pre>{@code
 * Nd4jStart.ahead();   // first thing: ND4J loads on its own thread
 * ...                  // work that needs no ND4J: reading files, parsing options
 * Nd4jStart.await();   // before the first ND4J array; throws what the start threw
 * }</pre>
 */
public final class Nd4jStart {
    /** The start under way or done; null until {@link #ahead} is first called. */
    private static CompletableFuture<Void> started;

    private Nd4jStart() {}

    /** Starts loading ND4J's backend on a daemon thread, unless that was done before in this JVM. */
    public static synchronized void ahead() {
        if (started != null) {
            return;
        }
        CompletableFuture<Void> start = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                Nd4jStartSettings settings = Nd4jStartSettings.apply();
                try {
                    Nd4j.getBackend();
                } finally {
                    settings.restore();
                }
                start.complete(null);
            } catch (Throwable problem) {
                start.completeExceptionally(problem); // thrown where the start is awaited
            }
        }, "kinspect-starting-nd4j");
        thread.setDaemon(true);
        started = start;
        thread.start();
    }

    /**
     * Waits for the start {@link #ahead} began; returns at once when none was begun (ND4J then
     * starts where it is first touched, as without this class).
     *
     * @throws RuntimeException or {@link Error}: what ND4J's start threw, as it threw it
     */
    public static void await() {
        CompletableFuture<Void> start;
        synchronized (Nd4jStart.class) {
            start = started;
        }
        if (start == null) {
            return;
        }
        try {
            start.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
