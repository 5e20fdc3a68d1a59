package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.array.NpyFile;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code kinspect gradients} on the gradient fixtures: the files it writes hold Keras's own
 * gradients (torch autodiff, {@code make_gradient_fixtures.py}); refusals are one line, exit 5.
 */
class GradientsCommandTest {
    private static final Path FIXTURES = Path.of("../inspector/src/test/resources/gradients");

    @TempDir
    Path temp;

    private Path input(String name, String inputName) {
        INDArray values = KerasReference.read(FIXTURES.resolve(name + "_grad.h5")).inputs().get(inputName);
        Path file = temp.resolve(name + "_" + inputName + ".npy");
        NpyFile.write(file, values);
        return file;
    }

    private static INDArray keras(String name, String path) {
        try (HdfFile hdf = new HdfFile(FIXTURES.resolve(name + "_grad.h5"))) {
            Dataset dataset = hdf.getDatasetByPath(path);
            return Nd4j.create((float[]) dataset.getDataFlat(), dataset.getDimensionsAsLong(), 'c');
        }
    }

    private static void assertClose(INDArray keras, INDArray ours) {
        double scale = keras.amaxNumber().doubleValue();
        assertTrue(ours.castTo(keras.dataType()).sub(keras).amaxNumber().doubleValue() <= 1e-4 * scale,
                "ours " + ours + " keras " + keras);
    }

    @Test
    void outWritesKerasGradientsAndTheCharts() throws IOException {
        Path out = temp.resolve("grads");
        Kinspect.Result result = Kinspect.run("gradients", FIXTURES.resolve("lstm.h5").toString(), "--input",
                input("lstm", "signal").toString(), "--target", "1", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("gradient of scores:1"), result.out());
        assertClose(keras("lstm", "input_gradients/signal"), NpyFile.read(out.resolve("signal.grad.npy")));
        assertClose(keras("lstm", "activation_gradients/lstm_a"), NpyFile.read(out.resolve("lstm_a.grad.npy")));
        assertClose(keras("lstm", "weight_gradients/lstm_b/recurrent_kernel"),
                NpyFile.read(out.resolve("lstm_b.recurrent_kernel.grad.npy")));
        for (String chart : new String[] {"signal.gradient.heatmap.png", "signal.gradient.steps.png",
                "lstm_b.final-state.steps.png"}) {
            assertTrue(Files.size(out.resolve(chart)) > 1000, chart);
            assertTrue(Files.readString(out.resolve("index.html")).contains(chart), chart);
        }
    }

    @Test
    void integratedGradientsReportTheirCompleteness() throws IOException {
        Kinspect.Result result = Kinspect.run("gradients", FIXTURES.resolve("gru_reset_after.keras").toString(),
                "--input", input("gru_reset_after", "signal").toString(), "--target", "scores:1", "--method",
                "integrated", "--steps", "16", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals("integrated", json.get("method").asText());
        assertEquals(3, json.get("completeness").size());
        assertTrue(json.get("rule").asText().startsWith("adaptive midpoint"), json.get("rule").toString());
        for (JsonNode example : json.get("completeness")) {
            assertTrue(example.get("gap").asDouble() < 0.01, example.toString());
        }
    }

    @Test
    void aSeq2seqDecodersGradientReachesItsEncoderThroughTheStates() throws IOException {
        Path out = temp.resolve("seq2seq");
        Kinspect.Result result = Kinspect.run("gradients", FIXTURES.resolve("seq2seq.h5").toString(),
                "--input", "source=" + input("seq2seq", "source"), "--input", "target=" + input("seq2seq", "target"),
                "--target", "1", "--out", out.toString(), "-q");
        assertEquals(0, result.exitCode(), result.err());
        // the source reaches the output only through the encoder's final states
        assertClose(keras("seq2seq", "input_gradients/source"), NpyFile.read(out.resolve("source.grad.npy")));
        assertClose(keras("seq2seq", "weight_gradients/encoder/kernel"),
                NpyFile.read(out.resolve("encoder.kernel.grad.npy")));
        assertClose(keras("seq2seq", "activation_gradients/encoder__2"),
                NpyFile.read(out.resolve("encoder__2.grad.npy")));
    }

    @Test
    void aLayerWithoutCheckedBackwardIsRefusedInOneLineWithExitFive() {
        Kinspect.Result result = Kinspect.run("gradients", FIXTURES.resolve("seq2seq_simple_rnn.keras").toString(),
                "--input", "source=" + input("seq2seq_simple_rnn", "source"), "--input",
                "target=" + input("seq2seq_simple_rnn", "target"), "--target", "0", "-q");
        assertEquals(5, result.exitCode(), result.err());
        assertEquals("kinspect: layer 'decoder' (SimpleRNN) has no backward pass kinspect has checked against Keras;"
                + " gradients through it are refused rather than given wrong (target a layer before it with --target"
                + " LAYER:UNIT)", result.err().strip());
    }

    @Test
    void aLossGivenLabelsHasKerasGradients() throws IOException {
        Path labels = temp.resolve("labels.npy");
        try (HdfFile hdf = new HdfFile(FIXTURES.resolve("cnn_loss_grad.h5"))) {
            NpyFile.write(labels, Nd4j.createFromArray((long[]) hdf.getDatasetByPath("labels").getDataFlat()));
        }
        Path out = temp.resolve("loss");
        Kinspect.Result result = Kinspect.run("gradients", FIXTURES.resolve("cnn.keras").toString(), "--input",
                input("cnn_loss", "image").toString(), "--labels", labels.toString(), "--loss",
                "sparse_categorical_crossentropy", "--out", out.toString(), "-q");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("gradient of sparse_categorical_crossentropy loss on scores"), result.out());
        assertClose(keras("cnn_loss", "input_gradients/image"), NpyFile.read(out.resolve("image.grad.npy")));
        assertClose(keras("cnn_loss", "weight_gradients/norm/gamma"), NpyFile.read(out.resolve("norm.gamma.grad.npy")));
    }

    @Test
    void gradCamWritesItsMapAndChartAndNeedsItsLayer() throws IOException {
        Path image = input("cnn", "image");
        Kinspect.Result missing = Kinspect.run("gradients", FIXTURES.resolve("cnn.keras").toString(), "--input",
                image.toString(), "--method", "gradcam", "-q");
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("--method gradcam needs --layer NAME"), missing.err());
        Path out = temp.resolve("cam");
        Kinspect.Result result = Kinspect.run("gradients", FIXTURES.resolve("cnn.keras").toString(), "--input",
                image.toString(), "--target", "1", "--method", "gradcam", "--layer", "last_conv", "--out",
                out.toString(), "-q");
        assertEquals(0, result.exitCode(), result.err());
        INDArray cam = NpyFile.read(out.resolve("last_conv.gradcam.npy"));
        assertEquals(java.util.List.of(3L, 3L, 3L), java.util.Arrays.stream(cam.shape()).boxed().toList());
        assertTrue(cam.minNumber().doubleValue() >= 0, "Grad-CAM keeps the positive part");
        assertTrue(Files.size(out.resolve("last_conv.gradcam.png")) > 1000);
    }

    @Test
    void aUnitBeyondTheLayerIsABadInput() {
        Kinspect.Result result = Kinspect.run("gradients", FIXTURES.resolve("mlp.keras").toString(), "--input",
                input("mlp", "features").toString(), "--target", "hidden:8", "-q");
        assertEquals(4, result.exitCode(), result.err());
        assertEquals("kinspect: layer 'hidden' has 8 units (0 to 7); there is no unit 8", result.err().strip());
    }
}
