package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code kinspect verify} against Keras's own per-layer outputs from the corpus. */
class VerifyCommandTest {

    @Test
    void everyLayerMatchesKeras() {
        Kinspect.Result result = Kinspect.run("verify", TestFiles.model(TestFiles.SIMPLE_RNN).toString(),
                "--reference", TestFiles.reference(TestFiles.SIMPLE_RNN).toString());

        assertEquals(0, result.exitCode(), result.out() + result.err());
        List<String> lines = result.outLines();
        assertEquals(List.of("layer", "shape", "max abs error", "max rel error", "match"),
                List.of(lines.get(0).trim().split("\\s{2,}")));
        assertTrue(lines.get(2).startsWith("simple_rnn_1 ") && lines.get(2).endsWith("yes"), lines.get(2));
        assertTrue(lines.get(3).startsWith("dense_1 ") && lines.get(3).endsWith("yes"), lines.get(3));
        assertEquals("verify: 2/2 layers match", lines.get(lines.size() - 1));
    }

    @Test
    void keras1ModelWithConv1dAndWeightsOnlyFilesMatch() {
        Kinspect.Result keras1 = Kinspect.run("verify", TestFiles.model(TestFiles.KERAS_1_LSTM).toString(),
                "--reference", TestFiles.reference(TestFiles.KERAS_1_LSTM).toString(), "-q");
        assertEquals(0, keras1.exitCode(), keras1.out() + keras1.err());
        assertTrue(keras1.out().endsWith("verify: 2/2 layers match" + System.lineSeparator()), keras1.out());

        Kinspect.Result conv = Kinspect.run("verify", TestFiles.model(TestFiles.CONV1D).toString(),
                "--reference", TestFiles.reference(TestFiles.CONV1D).toString(), "-q");
        assertEquals(0, conv.exitCode(), conv.out() + conv.err());
        assertTrue(conv.out().contains("verify: 1/1 layers match"), conv.out());

        Kinspect.Result weights = Kinspect.run("verify", TestFiles.weights(TestFiles.SIMPLE_RNN).toString(),
                "--config", TestFiles.config(TestFiles.SIMPLE_RNN).toString(),
                "--reference", TestFiles.reference(TestFiles.SIMPLE_RNN).toString(), "-q");
        assertEquals(0, weights.exitCode(), weights.out() + weights.err());
        assertTrue(weights.out().contains("verify: 2/2 layers match"), weights.out());
    }

    @Test
    void toleranceZeroFailsWhereErrorsAreNotZero() {
        Kinspect.Result result = Kinspect.run("verify", TestFiles.model(TestFiles.SIMPLE_RNN).toString(),
                "--reference", TestFiles.reference(TestFiles.SIMPLE_RNN).toString(), "--tolerance", "0", "-q");

        assertEquals(ErrorReporter.VERIFY_MISMATCH, result.exitCode(), result.out() + result.err());
        assertEquals(1, VerifyCommand.MISMATCH);
        String dense = result.outLines().stream().filter(line -> line.startsWith("dense_1 ")).findFirst().orElseThrow();
        assertTrue(dense.endsWith("  no"), dense);
        assertTrue(dense.contains("e-0"), "the error is shown: " + dense);
        assertTrue(result.out().matches("(?s).*verify: [01]/2 layers match\\R"), result.out());
        assertEquals("", result.err(), "a mismatch is a result, not an error");
    }

    /**
     * A sequence output whose difference from Keras's starts at float32 rounding and doubles every
     * step (what a chaotic recurrence does) gets a hint line under the table; it is still a mismatch
     * (exit 1). A difference as large from the first step (a wrong import) gets none. The references
     * are the sample's, with lstm_1's values moved by those differences.
     */
    @Test
    void aMismatchGrowingStepByStepGetsAHintNotAPass(@TempDir Path folder) {
        Path samples = TestFiles.samples();
        KerasReference reference = KerasReference.read(samples.resolve("sine_lstm_io.h5"));
        Path growing = moved(reference, step -> 1e-7 * Math.pow(2, step), folder.resolve("growing_io.h5"));
        Path constant = moved(reference, step -> 1e-3, folder.resolve("constant_io.h5"));

        Kinspect.Result grows = Kinspect.run("verify", samples.resolve("sine_lstm.keras").toString(),
                "--reference", growing.toString(), "-q");
        assertEquals(ErrorReporter.VERIFY_MISMATCH, grows.exitCode(), grows.out() + grows.err());
        assertTrue(grows.out().matches("(?s).*\\Rhint: lstm_1's error grows step by step, from [0-9.]+e-0[67] at step 0"
                + " to [0-9.]+e-02 at step 19: a recurrence that amplifies float32 rounding[^\\n]*\\R"
                + "verify: 4/5 layers match\\R"), grows.out());

        Kinspect.Result flat = Kinspect.run("verify", samples.resolve("sine_lstm.keras").toString(),
                "--reference", constant.toString(), "-q");
        assertEquals(ErrorReporter.VERIFY_MISMATCH, flat.exitCode(), flat.out() + flat.err());
        assertFalse(flat.out().contains("hint:"), flat.out());
    }

    /** Writes the reference with lstm_1's value at every step moved by {@code difference(step)}. */
    private static Path moved(KerasReference reference, IntToDoubleFunction difference, Path file) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup inputs = hdf.putGroup("inputs");
            reference.inputs().forEach((name, values) -> inputs.putDataset(name, nested(values, step -> 0)));
            WritableGroup activations = hdf.putGroup("activations");
            reference.activations().forEach((name, values) -> activations.putDataset(name,
                    values.rank() == 3 && name.equals("lstm_1") ? nested(values, difference)
                            : values.rank() == 3 ? nested(values, step -> 0) : values.toFloatMatrix()));
        }
        return file;
    }

    private static float[][][] nested(INDArray values, IntToDoubleFunction difference) {
        float[][][] nested = new float[(int) values.size(0)][(int) values.size(1)][(int) values.size(2)];
        for (int example = 0; example < nested.length; example++) {
            for (int step = 0; step < nested[example].length; step++) {
                for (int feature = 0; feature < nested[example][step].length; feature++) {
                    nested[example][step][feature] = (float) (values.getDouble(example, step, feature)
                            + difference.applyAsDouble(step));
                }
            }
        }
        return nested;
    }

    @Test
    void jsonGivesEveryComparison() throws IOException {
        Kinspect.Result result = Kinspect.run("verify", TestFiles.model(TestFiles.SIMPLE_RNN).toString(),
                "--reference", TestFiles.reference(TestFiles.SIMPLE_RNN).toString(), "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(2, json.get("compared").asInt());
        assertEquals(2, json.get("matching").asInt());
        JsonNode dense = json.get("layers").get(1);
        assertEquals("dense_1", dense.get("name").asText());
        assertEquals("[25,1]", dense.get("keras_shape").toString());
        assertTrue(dense.get("max_abs_error").asDouble() < 1e-5);
        assertTrue(dense.get("match").asBoolean());
    }
}
