package org.kinspect.bench;

/**
 * Ends the JVM when one timed call runs past its deadline. DL4J's orthogonal initialisation can spin in
 * native code for a very long time, where no Java interrupt reaches it: the only way out is to save what
 * was measured and end the process. It is killed (SIGKILL) rather than halted, since a halt tears the JVM
 * down under the still-running native op, which then crashes and leaves an hs_err file behind.
 */
final class Watchdog {
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile Runnable onTimeout = () -> {};

    Watchdog() {
        Thread thread = new Thread(this::watch, "bench-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** Arms the watchdog for one call; {@code onTimeout} must save the results (the JVM halts after it). */
    void arm(double seconds, Runnable onTimeout) {
        this.onTimeout = onTimeout;
        this.deadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
    }

    void disarm() {
        deadlineNanos = Long.MAX_VALUE;
    }

    private static void killSelf() {
        try {
            new ProcessBuilder("kill", "-KILL", String.valueOf(ProcessHandle.current().pid()))
                    .start().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception | Error e) {
            // no kill command: the halt that follows has to do
        }
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                try {
                    onTimeout.run();
                } finally {
                    System.out.flush();
                    killSelf();
                    Runtime.getRuntime().halt(3);
                }
            }
        }
    }
}
