package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code kinspect MODEL --input ...} on real corpus models. */
class InspectCommandTest {
    @TempDir
    Path temp;

    @Test
    void tableHasEveryLayerInAlignedColumns() {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);

        Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--input", input.toString());

        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.outLines();
        assertEquals(List.of("layer", "class", "shape", "min", "mean", "max", "zeros", "NaN", "Inf"),
                List.of(lines.get(0).trim().split("\\s{2,}")));
        assertTrue(lines.get(1).matches("[- ]+"), lines.get(1));
        assertEquals(List.of("simple_rnn_1_input", "simple_rnn_1", "dense_1"),
                lines.subList(2, lines.size()).stream().map(line -> line.split(" ")[0]).toList());
        // The last column is right-aligned, so every line of an aligned table has one length.
        assertEquals(1, lines.stream().mapToInt(String::length).distinct().count(), result.out());
        int classColumn = lines.get(0).indexOf("class");
        assertEquals("SimpleRNN", lines.get(3).substring(classColumn).split(" ")[0]);
        assertTrue(lines.get(3).contains("(25, 50)"), lines.get(3));
        assertTrue(result.err().contains("importing simple_rnn_tf_keras_2_model.h5 ... done in"), result.err());
    }

    @Test
    void keras1ModelShowsItsLayers() {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.KERAS_1_LSTM), temp).get(0);

        Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.KERAS_1_LSTM).toString(),
                "--input", input.toString(), "--quiet");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err());
        assertTrue(result.out().contains("lstm_1        LSTM"), result.out());
        assertEquals(5, result.outLines().size(), result.out());
    }

    @Test
    void jsonHasTheDocumentedKeys() throws IOException {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.CONV1D), temp).get(0);

        Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.CONV1D).toString(),
                "--input", "conv0_input=" + input, "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err(), "--json prints no progress lines");
        JsonNode json = new ObjectMapper().readTree(result.out());
        for (String key : List.of("model", "keras_version", "backend", "inputs", "layers")) {
            assertTrue(json.has(key), key + " missing from " + result.out());
        }
        assertEquals("2.3.1", json.get("keras_version").asText());
        assertEquals("conv0_input", json.get("inputs").get(0).get("name").asText());
        JsonNode conv = json.get("layers").get(1);
        for (String key : List.of("name", "class", "shape", "min", "mean", "max", "zero_fraction", "nan_count",
                "inf_count", "file")) {
            assertTrue(conv.has(key), key + " missing from " + conv);
        }
        assertEquals("conv0", conv.get("name").asText());
        assertEquals("Conv1D", conv.get("class").asText());
        assertEquals("[2,4,16]", conv.get("shape").toString());
        assertTrue(conv.get("min").asDouble() <= conv.get("mean").asDouble());
        assertTrue(conv.get("file").isNull());
    }

    @Test
    void outWritesEachLayerAsTheLibraryComputesIt() {
        Path model = TestFiles.model(TestFiles.SIMPLE_RNN);
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);
        Path out = temp.resolve("activations/run1");

        Kinspect.Result result = Kinspect.run(model.toString(), "--input", input.toString(), "--out", out.toString(),
                "--json");

        assertEquals(0, result.exitCode(), result.err());
        Map<String, INDArray> expected = InspectedModel.open(model).activations(NpyFile.read(input));
        for (String layer : List.of("simple_rnn_1_input", "simple_rnn_1", "dense_1")) {
            INDArray written = NpyFile.read(out.resolve(layer + ".npy"));
            assertArrayEquals(expected.get(layer).shape(), written.shape(), layer);
            assertEquals(expected.get(layer), written, layer);
        }
        assertTrue(result.out().contains(out.resolve("dense_1.npy").toString().replace("\\", "\\\\")), result.out());
    }

    @Test
    void selectedLayersOnlyAndNoOverwriteWithoutForce() throws IOException {
        Path model = TestFiles.model(TestFiles.SIMPLE_RNN);
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);
        Path out = temp.resolve("out");
        String[] arguments = {model.toString(), "--input", input.toString(), "--layer", "dense_1", "--out",
            out.toString(), "-q"};

        Kinspect.Result first = Kinspect.run(arguments);
        assertEquals(0, first.exitCode(), first.err());
        // dense_1 has one unit: its bar chart, and no sorted chart that would look the same
        assertEquals(List.of("dense_1.npy", "dense_1.units.png", "index.html"), list(out));
        assertEquals(3, first.outLines().size(), first.out());
        assertTrue(first.outLines().get(2).startsWith("dense_1 "), first.out());
        assertTrue(first.outLines().get(0).endsWith("file"), first.out());

        Files.write(out.resolve("dense_1.npy"), new byte[] {1, 2, 3}); // the user's own file now
        String refusal = Kinspect.run(arguments).singleErrorLine();
        assertTrue(refusal.contains("dense_1.npy") && refusal.contains("already exist") && refusal.contains("--force"),
                refusal);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out.resolve("dense_1.npy")));

        String[] forced = Stream.concat(Arrays.stream(arguments), Stream.of("--force")).toArray(String[]::new);
        Kinspect.Result again = Kinspect.run(forced);
        assertEquals(0, again.exitCode(), again.err());
        assertArrayEquals(new long[] {25, 1}, NpyFile.read(out.resolve("dense_1.npy")).shape());
    }

    @Test
    void weightsWithConfigAreRead() {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);

        Kinspect.Result result = Kinspect.run(TestFiles.weights(TestFiles.SIMPLE_RNN).toString(),
                "--config", TestFiles.config(TestFiles.SIMPLE_RNN).toString(), "--input", input.toString(), "-q");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("dense_1"), result.out());
    }

    @Test
    void systemOutIsRestoredAfterARun() {
        // run() points System.out at stderr while it runs, so that what a library prints there
        // itself never lands in the table; afterwards System.out must be the caller's again.
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream standardOut = System.out;
        PrintStream capturing = new PrintStream(captured, true);
        System.setOut(capturing);
        try {
            Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--input",
                    input.toString(), "-q");
            assertEquals(0, result.exitCode(), result.err());
            assertSame(capturing, System.out);
        } finally {
            System.setOut(standardOut);
        }
        assertEquals("", captured.toString(), "something reached System.out during the run");
    }

    private static List<String> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
