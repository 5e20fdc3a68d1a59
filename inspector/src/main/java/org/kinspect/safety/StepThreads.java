package org.kinspect.safety;

import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The daemon threads {@link TimeLimit} runs its steps on, each kept after a step to run the next one
 * ({@value #IDLE_SECONDS} s at most idle, then it ends). A thread made for every step cost a small
 * model's import about a fifth of its CPU time in a warm JVM (the MLP of the benchmark, imported in
 * a loop): the thread's creation and end, the first touch of its stack, the libraries' thread-local
 * state made again. As many threads run as steps are under
 * way at once (a step started inside another takes a second thread), so no step waits for another.
 *
 * <p>A thread puts itself back among the idle ones before its step's result is handed over, so the
 * caller's next step finds it there: a pool that takes its thread back after the result (the JDK's
 * cached pool) often made a new one for a step that followed at once.
 *
 * <pre>{@code
 * StepThreads.Step<Integer> step = StepThreads.start("kinspect-importing model.h5", () -> 42);
 * step.result().get(10, TimeUnit.SECONDS); // 42
 * step.interrupt();                         // a step still running is interrupted; a finished one is not
 * }</pre>
 */
final class StepThreads {
    /** How long a thread waits for another step before it ends. */
    static final long IDLE_SECONDS = 30;
    /** Deep but legitimate configurations recurse in Jackson and DL4J; give them room. */
    private static final long STACK_BYTES = 64L << 20;
    private static final String IDLE_NAME = "kinspect-idle";
    /** The threads waiting for a step, the last one back first (its stack and caches are warm). */
    private static final Deque<Worker> IDLE = new ConcurrentLinkedDeque<>();

    private StepThreads() {}

    /**
     * Runs a step on an idle thread, or on a new one when none is idle.
     *
     * @param name the thread's name while it runs the step
     * @param work the step
     * @return the step under way
     */
    static <T> Step<T> start(String name, Supplier<T> work) {
        Step<T> step = new Step<>(name, work, Thread.currentThread().getContextClassLoader());
        Worker idle = IDLE.pollFirst();
        if (idle != null) {
            idle.next.add(step); // it waits for it, or is about to (it cannot end once it was taken)
        } else {
            Thread thread = new Thread(null, new Worker(step), name, STACK_BYTES);
            thread.setDaemon(true);
            thread.start();
        }
        return step;
    }

    /**
     * One step: its work, its result, and the thread that runs it while it runs.
     *
     * @param <T> what the step returns
     */
    static final class Step<T> {
        private final String name;
        private final Supplier<T> work;
        private final ClassLoader callersLoader;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        /** The thread running the step; null before it starts and once it is finished. Guarded by this. */
        private Thread runner;

        private Step(String name, Supplier<T> work, ClassLoader callersLoader) {
            this.name = name;
            this.work = work;
            this.callersLoader = callersLoader;
        }

        /** @return what the step returned or threw, once it is done */
        CompletableFuture<T> result() {
            return result;
        }

        /** Interrupts the step's thread if it still runs this step (never a later step of the same thread). */
        synchronized void interrupt() {
            if (runner != null) {
                runner.interrupt();
            }
        }

        private synchronized void started(Thread thread) {
            runner = thread;
        }

        private synchronized void finished() {
            runner = null;
        }
    }

    /** A thread's work: the step it was made for, then each step it is handed until it waits too long. */
    private static final class Worker implements Runnable {
        private final BlockingQueue<Step<?>> next = new ArrayBlockingQueue<>(1);
        private Step<?> first;

        Worker(Step<?> first) {
            this.first = first;
        }

        @Override
        public void run() {
            Step<?> step = first;
            first = null;
            while (step != null) {
                run(step);
                step = nextStep();
            }
        }

        private <T> void run(Step<T> step) {
            Thread thread = Thread.currentThread();
            // The step runs as on a thread made for it: named after it, with its caller's class loader.
            thread.setName(step.name);
            thread.setContextClassLoader(step.callersLoader);
            step.started(thread);
            T value = null;
            Throwable failure = null;
            try {
                value = step.work.get();
            } catch (Throwable e) {
                failure = e;
            }
            step.finished();
            Thread.interrupted(); // an interruption meant for this step does not reach the next one
            thread.setContextClassLoader(null);
            thread.setName(IDLE_NAME);
            IDLE.addFirst(this); // back among the idle ones before the caller hears of the result
            if (failure == null) {
                step.result.complete(value);
            } else {
                step.result.completeExceptionally(failure);
            }
        }

        /** @return the next step, or null when none came in time and this thread is to end */
        private Step<?> nextStep() {
            while (true) {
                try {
                    Step<?> step = next.poll(IDLE_SECONDS, TimeUnit.SECONDS);
                    if (step != null || IDLE.remove(this)) {
                        return step;
                    }
                    // Taken from the idle ones just as it gave up waiting: its step is on the way.
                } catch (InterruptedException e) {
                    // Interrupted while idle (not meant for any step): keep waiting.
                }
            }
        }
    }
}
