package org.kinspect.safety;


import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kinspect.errors.KinspectException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A step that does not end is stopped waiting for at the limit, with one line that says so. */
class TimeLimitTest {

    @AfterEach
    void clearLimit() {
        System.clearProperty(TimeLimit.PROPERTY);
    }

    @Test
    void aStepThatDoesNotEndFailsAtTheLimit() {
        System.setProperty(TimeLimit.PROPERTY, "0.3");
        long start = System.nanoTime();
        KinspectException error = assertThrows(KinspectException.class, () -> TimeLimit.run("importing loop.h5",
                (Supplier<Object>) () -> {
                    while (true) {
                        if (Thread.currentThread().isInterrupted()) {
                            return null; // a step that listens ends when it is given up on
                        }
                        Thread.onSpinWait();
                    }
                }));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 5, seconds + " s");
        assertEquals("importing loop.h5 did not finish within 0.300 s; the file may be damaged (a loop in its "
                + "structure), or the model needs more time (-Dkinspect.timeLimitSeconds=SECONDS)", error.getMessage());
    }

    @Test
    void resultsAndFailuresOfTheStepPassThrough() {
        assertEquals("done", TimeLimit.run("a step", () -> "done"));
        KinspectException thrown = KinspectException.modelFile("model.h5: damaged");
        assertSame(thrown, assertThrows(KinspectException.class, () -> TimeLimit.run("a step", () -> {
            throw thrown;
        })));
        assertThrows(StackOverflowError.class, () -> TimeLimit.run("a step", () -> {
            throw new StackOverflowError();
        }));
    }

    @Test
    void aLimitThatIsNotANumberIsSaidPlainly() {
        System.setProperty(TimeLimit.PROPERTY, "ten");
        KinspectException error = assertThrows(KinspectException.class, () -> TimeLimit.run("a step", () -> 1));
        assertEquals("-Dkinspect.timeLimitSeconds=ten is not a number of seconds above 0", error.getMessage());
    }
}
