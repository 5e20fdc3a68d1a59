package org.kinspect.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.batch.InputBatches;
import org.kinspect.batch.NpyBatches;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The streamed survey of real models against the same statistics computed here, directly, from
 * the layer's output for the whole data set at once ({@link InspectedModel#activations} on all
 * examples): no batching, no running moments.
 */
class UnitSurveyorTest {
    private static final Path SAMPLES = Path.of(System.getProperty("kinspect.samples", "../samples/models"));

    @ParameterizedTest(name = "{0}, batches of {1}")
    @CsvSource({"lstm_1, 64", "lstm_1, 7", "lstm_1, 1000", "lstm_2, 64", "dense_1, 45", "classes, 300"})
    void sineLstmSurveyEqualsTheWholeDataSetAtOnce(String layer, int batchSize) {
        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        Path data = sample("sine_lstm_eval_x.npy");
        INDArray whole = model.activations(Map.of("signal", NpyFile.read(data))).get(layer);

        UnitSurvey survey;
        try (NpyBatches batches = NpyBatches.open(Map.of("signal", data), batchSize)) {
            List<Long> progress = new ArrayList<>();
            survey = UnitSurveyor.of(model, layer).top(5).survey(batches, progress::add);
            assertEquals(300L, progress.get(progress.size() - 1));
            assertEquals(batches.batchCount(), progress.size());
        }
        assertEquals(layer, survey.layer());
        assertEquals(300, survey.examples());
        assertArrayEquals(java.util.Arrays.copyOfRange(whole.shape(), 1, whole.rank()), survey.exampleShape());
        assertSurveyMatches(whole, survey, 5, false);
    }

    @Test
    void inMemoryBatchesGiveTheSameSurveyAsFileBatches() {
        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        INDArray x = NpyFile.read(sample("sine_lstm_eval_x.npy"));
        UnitSurvey fromMemory = UnitSurveyor.of(model, "lstm_1").survey(InputBatches.slices(Map.of("signal", x), 100));
        UnitSurvey named = UnitSurveyor.of(model, "lstm_1").survey(InputBatches.named("signal",
                List.of(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 100)),
                        x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(100, 300)))));
        try (NpyBatches batches = NpyBatches.open(Map.of("signal", sample("sine_lstm_eval_x.npy")), 100)) {
            UnitSurvey fromFile = UnitSurveyor.of(model, "lstm_1").survey(batches);
            assertEquals(fromFile, fromMemory);
        }
        assertEquals(UnitSurveyor.DEFAULT_TOP, named.units().get(0).top().size());
        assertTrue(named.sequence());
    }

    @Test
    void channelsFirstConvolutionUnitsAreItsChannels() {
        Path file = Corpus.root().resolve(
                "dl4j-test-resources/modelimport/keras/examples/conv1d/conv1d_k2_s1_d1_cf_same_model.h5");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no corpus file " + file);
        InspectedModel model = InspectedModel.open(file);
        String input = model.inputNames().get(0);
        long[] shape = model.expectedInputShape(input);
        shape[0] = 37;
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, shape);
        String layer = model.layerNames().get(model.layerNames().size() - 1);
        INDArray whole = model.activations(Map.of(input, x)).get(layer);
        UnitSurvey survey = UnitSurveyor.of(model, layer).top(3).survey(InputBatches.slices(Map.of(input, x), 10));
        assertEquals(whole.size(1), survey.units().size(), "channels first: units along axis 1");
        assertSurveyMatches(whole, survey, 3, true);
    }

    @Test
    void noExamplesIsAnError() {
        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        KinspectException problem = assertThrows(KinspectException.class,
                () -> UnitSurveyor.of(model, "lstm_1").survey(List.of()));
        assertTrue(problem.getMessage().contains("no examples"), problem.getMessage());
    }

    /** Recomputes every statistic from the whole output, unit by unit, and compares. */
    static void assertSurveyMatches(INDArray whole, UnitSurvey survey, int top, boolean channelsFirst) {
        INDArray output = whole.castTo(DataType.DOUBLE);
        if (channelsFirst && output.rank() == 3) {
            output = output.permute(0, 2, 1).dup('c');
        }
        long examples = output.size(0);
        int units = (int) output.size(output.rank() - 1);
        int steps = output.rank() == 3 ? (int) output.size(1) : 1;
        double[][][] values = new double[(int) examples][steps][units];
        for (int e = 0; e < examples; e++) {
            for (int s = 0; s < steps; s++) {
                for (int u = 0; u < units; u++) {
                    values[e][s][u] = output.rank() == 3 ? output.getDouble(e, s, u) : output.getDouble(e, u);
                }
            }
        }
        assertEquals(units, survey.units().size());
        for (int u = 0; u < units; u++) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            long zeroExamples = 0;
            long zeroValues = 0;
            List<double[]> peaks = new ArrayList<>(); // value, example, step
            for (int e = 0; e < examples; e++) {
                boolean allZero = true;
                double peak = Double.NEGATIVE_INFINITY;
                int peakStep = -1;
                for (int s = 0; s < steps; s++) {
                    double v = values[e][s][u];
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    if (v == 0) zeroValues++; else allZero = false;
                    if (v > peak) {
                        peak = v;
                        peakStep = s;
                    }
                }
                if (allZero) zeroExamples++;
                peaks.add(new double[] {peak, e, peakStep});
            }
            double mean = sum / (examples * steps);
            double squares = 0;
            for (int e = 0; e < examples; e++) {
                for (int s = 0; s < steps; s++) {
                    squares += (values[e][s][u] - mean) * (values[e][s][u] - mean);
                }
            }
            double std = Math.sqrt(squares / (examples * steps));
            UnitStatistics unit = survey.units().get(u);
            String where = survey.layer() + " unit " + u;
            assertEquals(u, unit.unit());
            assertEquals(examples * steps, unit.values(), where);
            assertEquals(mean, unit.mean(), 1e-6, where + " mean");
            assertEquals(std, unit.std(), 1e-6, where + " std");
            assertEquals(min, unit.min(), 1e-6, where + " min");
            assertEquals(max, unit.max(), 1e-6, where + " max");
            assertEquals((double) zeroExamples / examples, unit.zeroFraction(), 1e-12, where + " zero fraction");
            assertEquals((double) zeroValues / (examples * steps), unit.zeroValueFraction(), 1e-12, where);
            assertEquals(zeroExamples == examples, unit.dead(), where);

            peaks.sort(Comparator.comparingDouble((double[] p) -> -p[0]).thenComparingDouble(p -> p[1]));
            assertEquals(Math.min(top, (int) examples), unit.top().size(), where);
            for (int rank = 0; rank < unit.top().size(); rank++) {
                TopActivation found = unit.top().get(rank);
                double[] expected = peaks.get(rank);
                assertEquals(expected[0], found.value(), 1e-6, where + " top " + rank);
                // Near-ties may swap between batchings (float sums differ in the last bits).
                if (rank + 1 >= peaks.size() || peaks.get(rank + 1)[0] < expected[0] - 1e-5
                        && (rank == 0 || peaks.get(rank - 1)[0] > expected[0] + 1e-5)) {
                    assertEquals((long) expected[1], found.index(), where + " top " + rank);
                    if (steps > 1) {
                        assertEquals((long) expected[2], found.step(), where + " top " + rank + " step");
                    }
                }
            }
        }
        assertEquals(survey.units().stream().filter(UnitStatistics::dead).map(UnitStatistics::unit).toList(),
                survey.deadUnits());
    }

    private static Path sample(String name) {
        Path file = SAMPLES.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "no sample " + file);
        return file;
    }
}
