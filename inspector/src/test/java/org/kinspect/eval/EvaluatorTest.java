package org.kinspect.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.batch.NpyBatches;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Three models made with the real Keras 3 (make_eval_samples.py): our evaluation of the imported
 * model, streamed in batches, against the scores of Keras's own predictions computed in
 * {@link KerasScores} from the definitions. Our predictions must agree with Keras's on every example
 * for the two to be comparable, which the reference comparison checks too.
 */
class EvaluatorTest {
    private static final Path SAMPLES = Path.of(System.getProperty("kinspect.samples", "../samples/models"));

    @TempDir
    Path temp;

    @Test
    void multiClassSineLstm() {
        Evaluation ours = evaluate("sine_lstm.keras", "sine_lstm_eval", 64, Evaluator.DEFAULT_THRESHOLD);
        KerasScores keras = KerasScores.singleLabel(sample("sine_lstm_eval_keras_pred.npy"),
                sample("sine_lstm_eval_y.npy"), 0.5);
        assertEquals(OutputKind.MULTI_CLASS, ours.kind());
        assertEquals(3, ours.classes());
        assertSameScores(keras, ours);
        assertTrue(keras.accuracy < 0.95 && keras.accuracy > 0.8, "the noisy samples make errors: " + keras.accuracy);
    }

    @Test
    void binaryImbalancedAtTwoThresholds() {
        for (double threshold : new double[] {0.5, 0.3}) {
            Evaluation ours = evaluate("binary_imbalanced.keras", "binary_imbalanced", 50, threshold);
            KerasScores keras = KerasScores.singleLabel(sample("binary_imbalanced_keras_pred.npy"),
                    sample("binary_imbalanced_y.npy"), threshold);
            assertEquals(OutputKind.BINARY, ours.kind());
            assertEquals(2, ours.classes());
            assertSameScores(keras, ours);
        }
    }

    @Test
    void multiLabel() {
        Evaluation ours = evaluate("multilabel.keras", "multilabel", 128, Evaluator.DEFAULT_THRESHOLD);
        KerasScores keras = KerasScores.multiLabel(sample("multilabel_keras_pred.npy"), sample("multilabel_y.npy"), 0.5);
        assertEquals(OutputKind.MULTI_LABEL, ours.kind());
        assertEquals(3, ours.confusion().size());
        for (int label = 0; label < 3; label++) {
            assertArrayEquals(keras.labelConfusion[label], ours.confusion().get(label), "label " + label);
        }
        assertSameScores(keras, ours);
        assertTrue(ours.labelAccuracy() >= ours.accuracy());
    }

    @Test
    void oneHotLabelsScoreAsClassIndices() {
        INDArray indices = NpyFile.read(sample("sine_lstm_eval_y.npy"));
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 300, 3);
        for (int i = 0; i < 300; i++) {
            oneHot.putScalar(i, indices.getInt(i), 1f);
        }
        Path file = temp.resolve("one_hot.npy");
        NpyFile.write(file, oneHot);
        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        Evaluation fromIndices = run(model, sample("sine_lstm_eval_x.npy"), sample("sine_lstm_eval_y.npy"), null, 100,
                Evaluator.of(model));
        Evaluation fromOneHot = run(model, sample("sine_lstm_eval_x.npy"), file, null, 100, Evaluator.of(model));
        assertArrayEquals(fromIndices.confusionMatrix(), fromOneHot.confusionMatrix());
        assertNull(fromIndices.reference());
    }

    @Test
    void calibrationOfKnownProbabilities() {
        // Binary: probabilities 0.05 (label 0), 0.15 (label 1), 0.95 (label 1, twice).
        EvaluationAccumulator scores = new EvaluationAccumulator(OutputKind.BINARY, 2, 0.5, "test");
        scores.add(Nd4j.createFromArray(new float[][] {{0.05f}, {0.15f}, {0.95f}, {0.95f}}),
                Nd4j.createFromArray(0, 1, 1, 1), null);
        Calibration calibration = scores.result().calibration();
        assertEquals(1, calibration.bins().get(0).count());
        assertEquals(0.0, calibration.bins().get(0).frequency());
        assertEquals(1.0, calibration.bins().get(1).frequency());
        // ECE: (1 * 0.05 + 1 * 0.85 + 2 * 0.05) / 4
        assertEquals((0.05 + 0.85 + 0.1) / 4, calibration.expectedError(), 1e-6);
        assertEquals(0.85, calibration.maximumError(), 1e-6);
        assertEquals((0.05 * 0.05 + 0.85 * 0.85 + 2 * 0.05 * 0.05) / 4, calibration.brier(), 1e-6);
        double logLoss = -(Math.log(0.95) + Math.log(0.15) + 2 * Math.log(0.95)) / 4;
        assertEquals(logLoss, calibration.logLoss(), 1e-6);
    }

    @Test
    void labelsThatAreNotLabelsNameTheExample() {
        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        Path x = sample("sine_lstm_eval_x.npy");
        INDArray y = NpyFile.read(sample("sine_lstm_eval_y.npy"));

        y.putScalar(123, 3);
        Path outOfRange = temp.resolve("range.npy");
        NpyFile.write(outOfRange, y);
        KinspectException range = assertThrows(KinspectException.class,
                () -> run(model, x, outOfRange, null, 100, Evaluator.of(model)));
        assertEquals(outOfRange + ": label 3.0 of example 123 is not a class index (0 to 2)", range.getMessage());

        Path wrongShape = temp.resolve("shape.npy");
        NpyFile.write(wrongShape, Nd4j.zeros(DataType.FLOAT, 300, 4));
        KinspectException shape = assertThrows(KinspectException.class,
                () -> run(model, x, wrongShape, null, 100, Evaluator.of(model)));
        assertTrue(shape.getMessage().contains("is neither class indices (N,) nor one-hot rows (N, 3)"), shape.getMessage());

        Path tooFew = temp.resolve("few.npy");
        NpyFile.write(tooFew, Nd4j.zeros(DataType.FLOAT, 299));
        KinspectException count = assertThrows(KinspectException.class,
                () -> run(model, x, tooFew, null, 100, Evaluator.of(model)));
        assertTrue(count.getMessage().contains("holds 299 labels but the inputs hold 300 examples"), count.getMessage());
    }

    @Test
    void logitsNeedToBeNamed() {
        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        KinspectException problem = assertThrows(KinspectException.class, () -> run(model,
                sample("sine_lstm_eval_x.npy"), sample("sine_lstm_eval_y.npy"), null, 100, Evaluator.of(model, "lstm_2")));
        assertTrue(problem.getMessage().contains("does not give probabilities"), problem.getMessage());
    }

    /** Issue 19: a library error tells a Java caller what to call, not a command-line option. */
    @Test
    void errorsNameTheApiNotTheCommandLine() {
        InspectedModel twoOutputs = InspectedModel.open(sample("siamese_heads.keras"));
        assertLibraryAdvice(assertThrows(KinspectException.class, () -> Evaluator.of(twoOutputs)),
                "the model has 2 outputs (same, distance); say which to evaluate with Evaluator.of(model, outputLayer)");

        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        assertLibraryAdvice(assertThrows(KinspectException.class, () -> run(model, sample("sine_lstm_eval_x.npy"),
                sample("sine_lstm_eval_y.npy"), null, 100, Evaluator.of(model, "lstm_2"))),
                "say which with Evaluator.kind(OutputKind.BINARY, MULTI_CLASS or MULTI_LABEL)");
        // The 3-way softmax called binary: one sigmoid value was expected.
        assertLibraryAdvice(assertThrows(KinspectException.class, () -> run(model, sample("sine_lstm_eval_x.npy"),
                sample("sine_lstm_eval_y.npy"), null, 100, Evaluator.of(model).kind(OutputKind.BINARY))),
                "gives 3 values per example; use Evaluator.kind(OutputKind.MULTI_CLASS or OutputKind.MULTI_LABEL)");
        assertLibraryAdvice(assertThrows(KinspectException.class, () -> OutputKind.parse("ternary")),
                "unknown output kind 'ternary': give binary, multiclass or multilabel");
    }

    private static void assertLibraryAdvice(KinspectException problem, String expected) {
        assertTrue(problem.getMessage().contains(expected), problem.getMessage());
        assertTrue(!problem.getMessage().contains("--"), "a command-line option in a library message: " + problem.getMessage());
    }

    /** Compares every score, and checks that our predictions agree with Keras's on every example. */
    private static void assertSameScores(KerasScores keras, Evaluation ours) {
        if (keras.confusion != null) {
            assertArrayEquals(keras.confusion, ours.confusionMatrix());
            double[][] rows = ours.rowFractions(0);
            for (double[] row : rows) {
                assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-12, "each row sums to 1");
            }
        }
        for (int k = 0; k < keras.classes; k++) {
            ClassScores scores = ours.perClass().get(k);
            assertEquals(k, scores.classIndex());
            assertEquals(keras.precision[k], scores.precision(), 1e-12, "precision " + k);
            assertEquals(keras.recall[k], scores.recall(), 1e-12, "recall " + k);
            assertEquals(keras.f1[k], scores.f1(), 1e-12, "f1 " + k);
            assertEquals(keras.support[k], scores.support(), "support " + k);
        }
        assertEquals(keras.accuracy, ours.accuracy(), 1e-12);
        assertEquals(keras.macroF1, ours.macroF1(), 1e-12);
        assertEquals(keras.weightedF1, ours.weightedF1(), 1e-12);
        assertEquals(keras.brier, ours.calibration().brier(), 1e-5, "Brier: our probabilities are Keras's to 1e-6");
        ReferenceAgreement reference = ours.reference();
        assertEquals(reference.examples(), reference.agreeing(), "first disagreements: " + reference.disagreements());
        assertTrue(reference.maxAbsDifference() < 1e-5, "max abs difference " + reference.maxAbsDifference());
    }

    private Evaluation evaluate(String modelName, String data, int batch, double threshold) {
        InspectedModel model = InspectedModel.open(sample(modelName));
        return run(model, sample(data + "_x.npy"), sample(data + "_y.npy"), sample(data + "_keras_pred.npy"), batch,
                Evaluator.of(model).threshold(threshold));
    }

    private static Evaluation run(InspectedModel model, Path x, Path y, Path reference, int batch, Evaluator evaluator) {
        try (NpyBatches inputs = NpyBatches.open(Map.of(model.inputNames().get(0), x), batch);
                NpyLabelledBatches data = NpyLabelledBatches.open(inputs, y, reference)) {
            List<Long> progress = new java.util.ArrayList<>();
            Evaluation evaluation = evaluator.evaluate(data, progress::add, y.toString());
            assertEquals(inputs.exampleCount(), progress.get(progress.size() - 1));
            assertEquals(inputs.exampleCount(), evaluation.examples());
            return evaluation;
        }
    }

    private static Path sample(String name) {
        Path file = SAMPLES.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "no sample " + file);
        return file;
    }
}
