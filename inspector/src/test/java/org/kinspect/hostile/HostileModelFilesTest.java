package org.kinspect.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.Corpus;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.safety.JsonNesting;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model files from strangers: each broken or hostile file built here ends in one
 * {@link KinspectException} line that names the file and says what is wrong, never another
 * exception, a hang or a model that silently computes something else.
 */
class HostileModelFilesTest {
    static final String SIMPLE_RNN = "dl4j-test-resources/modelimport/keras/examples/simple_rnn/simple_rnn_tf_keras_2_";

    @TempDir
    Path folder;

    @Test
    void emptyRandomPickleAndTextFilesAreNotModels() throws IOException {
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        noise[0] = 'x';
        assertRefused(Files.write(folder.resolve("empty.h5"), new byte[0]), "the file is empty");
        assertRefused(Files.write(folder.resolve("noise.h5"), noise), "not a Keras model file");
        // pickle protocol 4: PROTO 4, then a frame; never unpickled, only recognised
        assertRefused(Files.write(folder.resolve("model.h5"), new byte[] {(byte) 0x80, 4, (byte) 0x95, 0, 0}),
                "a Python pickle");
        assertRefused(Files.writeString(folder.resolve("notes.h5"), "layer sizes: 3, 4\n"), "not a Keras model file");
        assertRefused(folder.resolve("missing.h5"), "no such file");
    }

    @Test
    void aModelTruncatedAnywhereFailsInOneLine() throws IOException {
        byte[] bytes = Files.readAllBytes(corpus("model.h5"));
        for (int cut = 1; cut < bytes.length; cut += bytes.length / 37) {
            Path truncated = Files.write(folder.resolve("truncated_" + cut + ".h5"), Arrays.copyOf(bytes, cut));
            assertRefused(truncated, "");
        }
    }

    @Test
    void anHdf5FileThatIsNotAKerasModel() {
        Path file = folder.resolve("measurements.h5");
        try (var hdf = io.jhdf.HdfFile.write(file)) {
            hdf.putDataset("temperatures", new double[] {21.5, 22.0});
            hdf.putAttribute("station", "north");
        }
        assertRefused(file, "no model_config attribute");
    }

    @Test
    void aWeightsFileWithoutItsConfiguration() {
        assertRefused(corpus("weights.h5"), "weights-only file: give its JSON configuration too");
    }

    @Test
    void aConfigurationStoredAsUtf16BytesIsNotReadAsJson() {
        String config = KerasH5Writer.denseConfig("dense", 3, 2);
        byte[] utf16 = config.getBytes(StandardCharsets.UTF_16LE);
        Path file = KerasH5Writer.model(utf16).layer("dense", Map.of("kernel", new float[3][2], "bias", new float[2]))
                .write(folder.resolve("utf16.h5"));
        assertRefused(file, "");
    }

    @Test
    void aConfigurationThatIsNotJson() {
        Path file = KerasH5Writer.model("{\"class_name\": \"Sequential\", \"config\": [").write(folder.resolve("cut.h5"));
        assertRefused(file, "not valid JSON");
        Path number = KerasH5Writer.model("42").write(folder.resolve("number.h5"));
        assertRefused(number, "not a Keras model");
    }

    @Test
    void aConfigurationNestedTooDeeplyIsRefusedBeforeParsing() throws IOException {
        // An HDF5 attribute holds at most 64 KB: 20,000 levels fit, more than a parser's default stack takes.
        int depth = 20_000;
        Path file = KerasH5Writer.model("[".repeat(depth) + "]".repeat(depth)).write(folder.resolve("deep.h5"));
        assertRefused(file, "nested more than " + JsonNesting.MAX_DEPTH + " levels");
        // A JSON configuration given beside a weights file has no such bound.
        Path config = Files.writeString(folder.resolve("deep.json"), "{\"a\": ".repeat(500_000) + "1"
                + "}".repeat(500_000));
        Path weights = corpus("weights.h5"); // outside the lambda: without the corpus the test is skipped here
        KinspectException error = assertThrows(KinspectException.class, () -> InspectedModel.open(weights, config));
        assertTrue(error.getMessage().startsWith(config + ": the model configuration is nested more than"),
                error.getMessage());
    }

    @Test
    void aConfigurationNamingALayerTheWeightsDoNotHave() throws IOException {
        Path file = patched("renamed.h5", "\"name\": \"dense_1\"", "\"name\": \"dense_9\"");
        assertRefused(file, "no weights for layer 'dense_9'");
    }

    @Test
    void weightsThatDoNotFitTheConfiguration() throws IOException {
        // SimpleRNN(50) becomes SimpleRNN(59): the file's kernel [1, 50] no longer fits.
        Path file = patched("wider.h5", "\"units\": 50", "\"units\": 59");
        String message = assertRefused(file, "layer 'simple_rnn_1' (SimpleRNN): its weights in the file");
        assertTrue(message.contains("kernel [1, 50]"), message);

        Path dense = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", 3, 2))
                .layer("dense", Map.of("kernel", new float[3][5], "bias", new float[5])).write(folder.resolve("dense.h5"));
        assertRefused(dense, "layer 'dense' (Dense): its weights in the file");
        // The same number of values, transposed: refused too, not reshaped into the wrong order.
        Path transposed = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", 3, 2))
                .layer("dense", Map.of("kernel", new float[2][3], "bias", new float[2])).write(folder.resolve("t.h5"));
        assertRefused(transposed, "layer 'dense' (Dense)");
    }

    @Test
    void weightsThatDoNotFitAreRefusedWhenDescribedToo() throws IOException {
        // Opened to be described, the graph is not built; what can be checked without it still is,
        // and refused with the import's own line.
        Path wider = patched("wider.h5", "\"units\": 50", "\"units\": 59");
        Path renamed = patched("renamed.h5", "\"name\": \"dense_1\"", "\"name\": \"dense_9\"");
        Path dense = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", 3, 2))
                .layer("dense", Map.of("kernel", new float[3][5], "bias", new float[5])).write(folder.resolve("dense.h5"));
        ImportOptions describe = ImportOptions.defaults().withDescribeOnly(true);
        for (Path file : List.of(wider, renamed, dense)) {
            KinspectException run = assertThrows(KinspectException.class, () -> InspectedModel.open(file));
            KinspectException described = assertThrows(KinspectException.class, () -> InspectedModel.open(file, describe));
            assertEquals(run.getMessage(), described.getMessage());
        }
        // The right number of values in the wrong shape: the summary shows the file's weights as they
        // are; building the graph (to run it) refuses them as opening it to run does.
        Path transposed = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", 3, 2))
                .layer("dense", Map.of("kernel", new float[2][3], "bias", new float[2])).write(folder.resolve("t.h5"));
        InspectedModel described = InspectedModel.open(transposed, describe);
        assertEquals(8, described.summary().totalParameters());
        KinspectException run = assertThrows(KinspectException.class, () -> InspectedModel.open(transposed));
        assertEquals(run.getMessage(), assertThrows(KinspectException.class, described::graph).getMessage());
    }

    @Test
    void nanWeightsImportButAreReported() {
        float[][] kernel = {{1, Float.NaN}, {0, 1}, {Float.POSITIVE_INFINITY, 0}};
        Path file = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", 3, 2))
                .layer("dense", Map.of("kernel", kernel, "bias", new float[2])).write(folder.resolve("nan.h5"));
        InspectedModel model = InspectedModel.open(file);
        assertEquals(List.of("layer 'dense': weight 'kernel' holds 1 NaN and 1 infinite of its 6 values; what the "
                + "layer computes from them will be NaN or infinite"), model.warnings());
    }

    @Test
    void finiteWeightsWhoseSumOverflowsAreNotReported() {
        // Every value finite, but their float sum is not: only a NaN or an infinite value is worth a warning.
        float[][] kernel = {{3e38f, 3e38f}, {3e38f, 3e38f}, {-3e38f, 1}};
        Path file = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", 3, 2))
                .layer("dense", Map.of("kernel", kernel, "bias", new float[2])).write(folder.resolve("large.h5"));
        assertEquals(List.of(), InspectedModel.open(file).warnings());
    }

    @Test
    void aSoundModelHasNoWarnings() {
        assertEquals(List.of(), InspectedModel.open(corpus("model.h5")).warnings());
    }

    @Test
    void aLayerOfATrillionParametersFailsBeforeAllocating() {
        Path file = KerasH5Writer.model(KerasH5Writer.denseConfig("huge", 1_000_000, 1_000_000))
                .write(folder.resolve("huge.h5"));
        String message = assertRefused(file, "the model's 1,000,001,000,000 parameters need about 7,451 GB of memory");
        assertTrue(message.contains("this process can still use"), message);
    }

    @Test
    void aRunThatWouldNeedTooMuchMemoryFailsBeforeRunning() {
        String config = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"RepeatVector\", \"config\": {\"name\": \"repeat\", \"n\": 1000000000, "
                + "\"batch_input_shape\": [null, 4], \"dtype\": \"float32\"}}]}}";
        Path file = KerasH5Writer.model(config).write(folder.resolve("repeat.h5"));
        InspectedModel model = InspectedModel.open(file);
        KinspectException error = assertThrows(KinspectException.class,
                () -> model.activations(Nd4j.ones(2, 4)));
        assertTrue(error.getMessage().startsWith("the outputs of the model's "), error.getMessage());
        assertTrue(error.getMessage().contains("for a batch of 2 need about"), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    /** The corpus SimpleRNN model with one piece of its configuration replaced by text of the same length. */
    private Path patched(String name, String from, String to) throws IOException {
        assertEquals(from.length(), to.length(), "the configuration's length is fixed in the file");
        byte[] bytes = Files.readAllBytes(corpus("model.h5"));
        byte[] find = from.getBytes(StandardCharsets.US_ASCII);
        byte[] replace = to.getBytes(StandardCharsets.US_ASCII);
        int found = 0;
        for (int at = 0; at + find.length <= bytes.length; at++) {
            if (Arrays.equals(bytes, at, at + find.length, find, 0, find.length)) {
                System.arraycopy(replace, 0, bytes, at, replace.length);
                found++;
            }
        }
        assertEquals(1, found, from);
        return Files.write(folder.resolve(name), bytes);
    }

    static Path corpus(String suffix) {
        return Corpus.root().resolve(SIMPLE_RNN + suffix);
    }

    /** @return the message, after checking it is one line that names the file and says {@code expected} */
    static String assertRefused(Path file, String expected) {
        KinspectException error = assertThrows(KinspectException.class, () -> InspectedModel.open(file),
                file + " should be refused");
        String message = error.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), message);
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        return message;
    }
}
