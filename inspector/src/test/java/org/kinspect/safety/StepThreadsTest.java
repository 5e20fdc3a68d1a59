package org.kinspect.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kinspect.errors.KinspectException;

/** The threads steps run on are kept from one step to the next, and nothing of one step reaches the next. */
class StepThreadsTest {

    @AfterEach
    void clearLimit() {
        System.clearProperty(TimeLimit.PROPERTY);
    }

    @Test
    void aStepThatFollowsAnotherRunsOnTheSameThread() {
        Thread first = TimeLimit.run("a step", Thread::currentThread);
        for (int step = 0; step < 50; step++) {
            assertSame(first, TimeLimit.run("a step", Thread::currentThread));
        }
        assertNotSame(Thread.currentThread(), first);
        assertTrue(first.isDaemon());
    }

    @Test
    void theThreadIsNamedAfterItsStepAndHasTheCallersClassLoader() throws Exception {
        assertEquals("kinspect-importing model.h5", TimeLimit.run("importing model.h5",
                () -> Thread.currentThread().getName()));
        ClassLoader callers = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[0], callers)) {
            Thread.currentThread().setContextClassLoader(plugin);
            assertSame(plugin, TimeLimit.run("a step", () -> Thread.currentThread().getContextClassLoader()));
        } finally {
            Thread.currentThread().setContextClassLoader(callers);
        }
        assertSame(callers, TimeLimit.run("a step", () -> Thread.currentThread().getContextClassLoader()));
    }

    @Test
    void aStepInsideAStepTakesAThreadOfItsOwn() {
        String inner = TimeLimit.run("outer", () -> {
            Thread outer = Thread.currentThread();
            return TimeLimit.run("inner", () -> Thread.currentThread() == outer ? "same thread" : "own thread");
        });
        assertEquals("own thread", inner);
    }

    @Test
    void anInterruptionOfAStepThatRanOutOfTimeDoesNotReachTheNextStep() throws Exception {
        System.setProperty(TimeLimit.PROPERTY, "0.2");
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread[] ranOn = new Thread[1];
        assertThrows(KinspectException.class, () -> TimeLimit.run("a step", (Supplier<Object>) () -> {
            ranOn[0] = Thread.currentThread();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        }));
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the step given up on is interrupted");
        System.clearProperty(TimeLimit.PROPERTY);
        // The thread is back among the idle ones once its step ended: the next steps find no interruption.
        for (int step = 0; step < 20; step++) {
            assertFalse(TimeLimit.run("a step", () -> Thread.currentThread().isInterrupted()));
        }
        assertEquals("done", TimeLimit.run("a step", () -> {
            try {
                Thread.sleep(1);
                return "done";
            } catch (InterruptedException e) {
                return "interrupted";
            }
        }));
    }

    @Test
    void stepsRunAtOnceRunOnThreadsOfTheirOwn() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        Supplier<Boolean> waitsForTheOther = () -> {
            bothRunning.countDown();
            try {
                return bothRunning.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        };
        boolean[] other = new boolean[1];
        Thread caller = new Thread(() -> other[0] = TimeLimit.run("one step", waitsForTheOther));
        caller.start();
        assertTrue(TimeLimit.run("another step", waitsForTheOther));
        caller.join(10_000);
        assertTrue(other[0]);
    }
}
