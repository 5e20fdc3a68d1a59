package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs kinspect in this JVM, as {@code java -jar kinspect.jar} would, and keeps what it printed. */
final class Kinspect {

    /**
     * What one run gave.
     *
     * @param exitCode the exit code
     * @param out stdout
     * @param err stderr
     */
    record Result(int exitCode, String out, String err) {

        /** @return stdout's lines */
        List<String> outLines() {
            return out.lines().toList();
        }

        /** @return stderr's lines */
        List<String> errLines() {
            return err.lines().toList();
        }

        /**
         * Checks the error contract: a non-zero exit, exactly one stderr line starting
         * {@code kinspect: } (the others, if any, being progress lines), no stack trace, nothing
         * on stdout.
         *
         * @return that one line
         */
        String singleErrorLine() {
            assertTrue(exitCode != 0, "exit code 0; stdout: " + out + " stderr: " + err);
            List<String> errors = errLines().stream()
                    .filter(line -> line.startsWith("kinspect: ") && !line.startsWith(WARNING)).toList();
            assertEquals(1, errors.size(), "stderr: " + err);
            assertFalse(err.contains("\tat ") || err.contains("Exception in") || err.contains("Caused by"),
                    "a stack trace on stderr: " + err);
            for (String line : errLines()) {
                assertTrue(line.startsWith("kinspect: ") || line.endsWith(" ... failed") || line.contains(" ... done in "),
                        "neither an error nor a progress line: " + line);
            }
            assertEquals("", out, "stdout should be empty on an error");
            return errors.get(0);
        }
    }

    /** How a warning line starts; warnings may come before the error line. */
    static final String WARNING = "kinspect: warning: ";

    private Kinspect() {}

    /** @return what {@code kinspect ARGUMENTS...} gave */
    static Result run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = KinspectCommand.run(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }
}
