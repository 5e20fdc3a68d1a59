package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code kinspect summary} on real corpus models. */
class SummaryCommandTest {

    @Test
    void showsLayersParametersAndWhereTheFileCameFrom() {
        Kinspect.Result result = Kinspect.run("summary", TestFiles.model(TestFiles.SIMPLE_RNN).toString());

        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("Keras 2.1.3, tensorflow backend, HDF5 model file"), out);
        List<String> lines = result.outLines();
        int header = lines.indexOf(lines.stream().filter(line -> line.startsWith("layer ")).findFirst().orElseThrow());
        assertEquals(List.of("layer", "class", "output shape", "parameters", "reads"),
                List.of(lines.get(header).trim().split("\\s{2,}")));
        // SimpleRNN(50) on 1 feature: 1*50 + 50*50 + 50; Dense(1): 50 + 1 (what Keras's summary says).
        assertTrue(lines.get(header + 3).matches("simple_rnn_1 +SimpleRNN +\\(None, 50\\) +2,600 +simple_rnn_1_input"),
                lines.get(header + 3));
        assertTrue(lines.get(header + 4).matches("dense_1 +Dense +\\(None, 1\\) +51 +simple_rnn_1"), lines.get(header + 4));
        assertTrue(out.contains("Trainable parameters:     2,651"), out);
        assertTrue(out.contains("Non-trainable parameters:     0"), out);
        assertTrue(out.contains("Total parameters:         2,651"), out);
    }

    @Test
    void jsonHasTheSameNumbers() throws IOException {
        Kinspect.Result result = Kinspect.run("summary", TestFiles.weights(TestFiles.SIMPLE_RNN).toString(),
                "--config", TestFiles.config(TestFiles.SIMPLE_RNN).toString(), "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals("HDF5_WEIGHTS_WITH_JSON_CONFIG", json.get("format").asText());
        assertEquals(2651, json.get("total_parameters").asLong());
        assertEquals(0, json.get("non_trainable_parameters").asLong());
        JsonNode rnn = json.get("layers").get(1);
        assertEquals("SimpleRNN", rnn.get("class").asText());
        assertEquals("[null,50]", rnn.get("output_shape").toString());
        assertEquals("[\"simple_rnn_1_input\"]", rnn.get("inbound").toString());
    }

    @Test
    void aSavedModelFolderSaysWhichTfKerasWroteIt() throws IOException {
        java.nio.file.Path folder = TestFiles.corpus().resolve("savedmodel/Pranav-01__Stock-Price-Prediction__gru_model");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(folder), "no " + folder);
        Kinspect.Result result = Kinspect.run("summary", folder.toString(), "-q");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Keras 2.15.0, tensorflow backend, TensorFlow SavedModel (tf.keras 2.15)"),
                result.out());
        // GRU(reset_after) of 64 units on 6 features: 3*64*(6 + 64) + 2*3*64 (two biases)
        assertTrue(result.out().contains("13,824"), result.out());

        // the same folder with its data shard cut in half: a bad model file, one line, exit 3
        java.nio.file.Path copy = java.nio.file.Files.createTempDirectory("kinspect-savedmodel-test-");
        try {
            try (var files = java.nio.file.Files.walk(folder)) {
                for (java.nio.file.Path file : files.toList()) {
                    java.nio.file.Path target = copy.resolve(folder.relativize(file).toString());
                    if (java.nio.file.Files.isDirectory(file)) {
                        java.nio.file.Files.createDirectories(target);
                    } else {
                        byte[] bytes = java.nio.file.Files.readAllBytes(file);
                        boolean shard = file.getFileName().toString().startsWith("variables.data");
                        java.nio.file.Files.write(target, shard ? java.util.Arrays.copyOf(bytes, bytes.length / 2) : bytes);
                    }
                }
            }
            Kinspect.Result broken = Kinspect.run("summary", copy.toString());
            assertEquals(3, broken.exitCode(), broken.err());
            assertTrue(broken.err().contains("the SavedModel is damaged or truncated"), broken.err());
        } finally {
            try (var files = java.nio.file.Files.walk(copy)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /**
     * A summary of Dense and LSTM layers (the sample) starts no ND4J and no JavaCPP: run as a
     * process of its own, which lists the classes it loads; ND4J's CPU backend and JavaCPP's loader
     * are not among them, and the summary is the sample's.
     */
    @Test
    void aSummaryOfTheSampleStartsNoNd4j() throws IOException, InterruptedException {
        Path model = TestFiles.samples().resolve("sine_lstm.keras");
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaCommand, "-Xlog:class+load=info:stderr", "-cp", System.getProperty("java.class.path"),
                KinspectCommand.class.getName(), "summary", model.toString(), "-q").start();
        child.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the summary did not end");
        String loaded = err.join();
        assertEquals(0, child.exitValue(), out + loaded);
        assertTrue(loaded.contains("org.kinspect.inspect.ModelSummary "), "the class list is not there: " + loaded);
        assertTrue(!loaded.contains("org.nd4j.linalg.cpu.nativecpu.CpuBackend "), "ND4J's backend was started");
        assertTrue(!loaded.contains("org.bytedeco.javacpp.Loader "), "JavaCPP was loaded");
        // Keras's own summary of the sample: 4*8*(2 + 8 + 1) = 352 and 4*6*(8 + 6 + 1) = 360 for the LSTMs
        assertTrue(out.matches("(?s).*lstm_1 +LSTM +\\(None, 20, 8\\) +352 +signal *\n.*"), out);
        assertTrue(out.matches("(?s).*lstm_2 +LSTM +\\(None, 6\\) +360 +lstm_1 *\n.*"), out);
        assertTrue(out.contains("Total parameters:         755"), out);
    }

    @Test
    void keras1ModelSaysSo() {
        Kinspect.Result result = Kinspect.run("summary", TestFiles.model(TestFiles.KERAS_1_LSTM).toString(), "-q");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Keras 1."), result.out());
        assertTrue(result.out().contains("lstm_1"), result.out());
    }
}
