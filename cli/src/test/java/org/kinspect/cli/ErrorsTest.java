package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mistake a user can make ends in one line on stderr starting {@code kinspect: }, a non-zero
 * exit code and no stack trace.
 */
class ErrorsTest {
    @TempDir
    Path temp;

    @Test
    void missingModelFile() {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);

        Kinspect.Result result = Kinspect.run(temp.resolve("nothere.h5").toString(), "--input", input.toString());

        assertTrue(result.singleErrorLine().contains("nothere.h5: no such file"), result.err());
        assertEquals(ErrorReporter.BAD_MODEL_FILE, result.exitCode());
    }

    @Test
    void randomBytesAreNotAModel() throws IOException {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path model = Files.write(temp.resolve("model.h5"), noise);

        for (String command : List.of("inspect", "summary", "verify")) {
            Kinspect.Result result = switch (command) {
                case "summary" -> Kinspect.run("summary", model.toString());
                case "verify" -> Kinspect.run("verify", model.toString(), "--reference",
                        TestFiles.reference(TestFiles.SIMPLE_RNN).toString());
                default -> Kinspect.run(model.toString(), "--input", input.toString());
            };
            assertTrue(result.singleErrorLine().contains("model.h5: not a Keras model file"), command + ": " + result.err());
            assertEquals(ErrorReporter.BAD_MODEL_FILE, result.exitCode(), command);
        }
    }

    @Test
    void inputOfTheWrongShape() {
        // The Conv1D case's input, (2, 3, 16), given to the SimpleRNN model, which wants (25, 1, 1).
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.CONV1D), temp).get(0);

        Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--input", input.toString());

        String line = result.singleErrorLine();
        assertTrue(line.contains("input 'simple_rnn_1_input' has shape [2, 3, 16]") && line.contains("[25, 1, 1]"), line);
        assertEquals(ErrorReporter.BAD_INPUT, result.exitCode());
    }

    @Test
    void unknownLayerNamesTheNearest() {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);

        Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--input",
                input.toString(), "--layer", "dense1");

        String line = result.singleErrorLine();
        assertTrue(line.contains("no layer named 'dense1'") && line.contains("nearest: dense_1"), line);
        assertEquals(ErrorReporter.BAD_INPUT, result.exitCode());
    }

    @Test
    void outputPathIsAFile() throws IOException {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);
        Path file = Files.writeString(temp.resolve("notes.txt"), "mine");

        Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--input",
                input.toString(), "--out", file.toString());

        assertTrue(result.singleErrorLine().contains("notes.txt: is a file, not a folder"), result.err());
        assertEquals(ErrorReporter.BAD_INPUT, result.exitCode());
        assertEquals("mine", Files.readString(file));
        try (var files = Files.list(temp)) {
            assertEquals(2, files.count(), "nothing written beside the input and the file");
        }
    }

    @Test
    void unknownInputNameAndMissingInputFile() {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);
        String model = TestFiles.model(TestFiles.SIMPLE_RNN).toString();

        Kinspect.Result unknownResult = Kinspect.run(model, "--input", "signal=" + input);
        String unknown = unknownResult.singleErrorLine();
        assertTrue(unknown.contains("no input named 'signal'") && unknown.contains("simple_rnn_1_input"), unknown);
        assertEquals(ErrorReporter.BAD_INPUT, unknownResult.exitCode());

        Kinspect.Result missingResult = Kinspect.run(model, "--input", temp.resolve("x.npy").toString());
        String missing = missingResult.singleErrorLine();
        assertTrue(missing.contains("x.npy: no such file"), missing);
        assertEquals(ErrorReporter.BAD_INPUT, missingResult.exitCode());
    }

    @Test
    void referenceThatIsNotOne() {
        Path model = TestFiles.model(TestFiles.SIMPLE_RNN);

        Kinspect.Result result = Kinspect.run("verify", model.toString(), "--reference", model.toString());

        assertTrue(result.singleErrorLine().contains("not a reference file"), result.err());
        assertEquals(ErrorReporter.BAD_INPUT, result.exitCode());
    }

    @Test
    void usageErrorsGiveOneLineAndTheHint() {
        for (String[] arguments : List.of(new String[] {}, new String[] {"model.h5"},
                new String[] {"model.h5", "--input", "x.npy", "--jsn"}, new String[] {"summary"},
                new String[] {"verify", "model.h5"}, new String[] {"verify", "m.h5", "--reference", "r.h5", "--tolerance", "x"},
                new String[] {"verify", "m.h5", "--reference", "r.h5", "--tolerance", "-1"},
                new String[] {"model.h5", "--input", "x.npy", "--force"})) {
            Kinspect.Result result = Kinspect.run(arguments);
            String what = String.join(" ", arguments) + " -> " + result.err();
            assertEquals(ErrorReporter.USAGE_ERROR, result.exitCode(), what);
            List<String> lines = result.errLines();
            assertEquals(2, lines.size(), what);
            assertTrue(lines.get(0).startsWith("kinspect: "), what);
            assertTrue(lines.get(1).matches("Try 'kinspect( summary| verify)? --help' for more information\\."), what);
            assertEquals("", result.out(), what);
        }
        assertTrue(Kinspect.run("m.h5", "--input", "x.npy", "--jsn").err().contains("did you mean --json?"));
    }

    @Test
    void internalErrorsSayPleaseReport() {
        StringWriter err = new StringWriter();

        int exitCode = ErrorReporter.report(new IllegalStateException("boom\nsecond line"), new PrintWriter(err), false);

        assertEquals(70, exitCode);
        assertEquals(ErrorReporter.INTERNAL_ERROR, exitCode);
        assertEquals("kinspect: internal error: java.lang.IllegalStateException: boom second line (please report this)"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void debugAddsTheStackTrace() {
        Kinspect.Result result = Kinspect.run("summary", temp.resolve("nothere.h5").toString(), "--debug");

        assertEquals(ErrorReporter.BAD_MODEL_FILE, result.exitCode());
        assertTrue(result.err().contains("\tat org.kinspect."), result.err());
        List<String> lines = result.errLines();
        assertTrue(lines.get(lines.size() - 1).startsWith("kinspect: "), result.err());
        assertFalse(result.out().contains("kinspect:"));
    }
}
