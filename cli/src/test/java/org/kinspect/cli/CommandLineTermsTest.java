package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the library's errors name its own calls ({@code Evaluator.of(model, outputLayer)}); the
 * command line prints its options in their place, so a user of either is told what to type.
 */
class CommandLineTermsTest {

    @Test
    void evalNamesItsOptions() {
        Path samples = TestFiles.samples();
        String sineModel = samples.resolve("sine_lstm.keras").toString();
        String sineInputs = samples.resolve("sine_lstm_eval_x.npy").toString();
        String sineLabels = samples.resolve("sine_lstm_eval_y.npy").toString();

        Kinspect.Result twoOutputs = Kinspect.run("eval", samples.resolve("siamese_heads.keras").toString(),
                "--input", "left=" + samples.resolve("siamese_left.npy"), "--input", "right=" + samples.resolve("siamese_right.npy"),
                "--labels", sineLabels, "-q");
        assertCommandLineAdvice(twoOutputs, "say which to evaluate with --output NAME");

        Kinspect.Result logits = Kinspect.run("eval", sineModel, "--input", sineInputs, "--labels", sineLabels,
                "--output", "lstm_2", "-q");
        assertCommandLineAdvice(logits, "say which with --kind binary|multiclass|multilabel");

        Kinspect.Result notBinary = Kinspect.run("eval", sineModel, "--input", sineInputs, "--labels", sineLabels,
                "--kind", "binary", "-q");
        assertCommandLineAdvice(notBinary, "gives 3 values per example; use --kind multiclass or --kind multilabel");

        Kinspect.Result unknownKind = Kinspect.run("eval", sineModel, "--input", sineInputs, "--labels", sineLabels,
                "--kind", "ternary", "-q");
        assertEquals(ErrorReporter.USAGE_ERROR, unknownKind.exitCode(), unknownKind.err());
        assertTrue(unknownKind.err().contains("--kind ternary: give binary, multiclass or multilabel"), unknownKind.err());
    }

    @Test
    void aWeightsOnlyFileIsToldToGiveConfig() {
        Path weights = TestFiles.weights(TestFiles.SIMPLE_RNN); // skips without the corpus
        Kinspect.Result result = Kinspect.run("summary", weights.toString());
        assertCommandLineAdvice(result, "give its JSON configuration too (model.to_json(); --config FILE)");
    }

    @Test
    void everyLibraryCallIsReplacedInAMessage() {
        assertEquals("the model has 2 outputs (a, b); say which to evaluate with --output NAME",
                CommandLineTerms.of("the model has 2 outputs (a, b); say which to evaluate with Evaluator.of(model, outputLayer)"));
        assertEquals("nothing to replace", CommandLineTerms.of("nothing to replace"));
    }

    private static void assertCommandLineAdvice(Kinspect.Result result, String expected) {
        String line = result.singleErrorLine();
        assertTrue(line.contains(expected), line);
        assertFalse(line.contains("Evaluator.") || line.contains("InspectedModel."), line);
    }
}
