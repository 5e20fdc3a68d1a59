package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The report {@code --out} writes beside the .npy files, its options, and {@code kinspect weights}. */
class ReportCommandTest {
    @TempDir
    Path temp;

    @Test
    void outWritesAReportOfTheChosenLayerBesideItsValues() throws IOException {
        Path samples = TestFiles.samples();
        Path out = temp.resolve("report");
        Kinspect.Result result = Kinspect.run(samples.resolve("sine_lstm.h5").toString(),
                "--input", samples.resolve("sine_lstm_input.npy").toString(),
                "--layer", "lstm_1", "--states", "--units", "0,3,7", "--example", "2", "--out", out.toString());
        Assumptions.assumeFalse(result.err().contains("not readable yet"), "no Keras 3 yet: " + result.err());

        assertEquals(0, result.exitCode(), result.err());
        // --states on a recurrent layer also gives its final states h and c (LAYER__1, LAYER__2).
        assertEquals(List.of("index.html", "lstm_1.heatmap.png", "lstm_1.npy", "lstm_1.state1.png",
                "lstm_1.state2.png", "lstm_1.traces.png", "lstm_1__1.npy", "lstm_1__2.npy"), list(out));
        String index = Files.readString(out.resolve("index.html"));
        for (String file : List.of("lstm_1.heatmap.png", "lstm_1.traces.png", "lstm_1.state1.png", "lstm_1.state2.png",
                "lstm_1.npy", "lstm_1__1.npy", "lstm_1__2.npy")) {
            assertTrue(index.contains("\"" + file + "\""), file + " linked from the index");
        }
        assertTrue(index.contains("example 2 of the batch"), "the example drawn");
        assertTrue(result.err().contains("drawing the report " + out.resolve("index.html") + " ... done in"),
                result.err());
        assertEquals(1000, ImageIO.read(out.resolve("lstm_1.traces.png").toFile()).getWidth());
    }

    @Test
    void weightsAreDrawnWhenAsked() throws IOException {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);
        Path out = temp.resolve("out");
        Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--input",
                input.toString(), "--layer", "simple_rnn_1", "--weights", "--out", out.toString(), "--json");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(list(out).containsAll(List.of("simple_rnn_1.units.png", "simple_rnn_1.weights.kernel.hinton.png",
                "simple_rnn_1.weights.recurrent_kernel.histogram.png", "simple_rnn_1.weights.bias.histogram.png")),
                list(out).toString());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(out.resolve("index.html").toString(), json.get("report").asText());
    }

    @Test
    void drawingOptionsNeedOut() {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);
        Kinspect.Result result = Kinspect.run(TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--input",
                input.toString(), "--units", "1,2");

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("only apply with --out"), result.err());
    }

    @Test
    void anExampleOutsideTheBatchIsRefusedBeforeWriting() throws IOException {
        Path input = TestFiles.writeInputs(TestFiles.reference(TestFiles.SIMPLE_RNN), temp).get(0);
        Path out = temp.resolve("out");
        String error = Kinspect.run(TestFiles.model(TestFiles.SIMPLE_RNN).toString(), "--input", input.toString(),
                "--example", "25", "--out", out.toString()).singleErrorLine();

        assertTrue(error.contains("--example 25 is not in the batch: it has 25 examples (0 to 24)"), error);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void weightsCommandListsEveryTensorAndWritesThemWithTheirDiagrams() throws IOException {
        Path model = TestFiles.model(TestFiles.SIMPLE_RNN);
        Path out = temp.resolve("weights");
        Kinspect.Result table = Kinspect.run("weights", model.toString(), "-q");

        assertEquals(0, table.exitCode(), table.err());
        assertEquals(List.of("layer", "class", "weight", "shape", "min", "mean", "max", "zeros", "NaN", "Inf"),
                List.of(table.outLines().get(0).trim().split("\\s{2,}")));
        assertEquals(2 + 5, table.outLines().size(), table.out()); // kernel, recurrent_kernel, bias; kernel, bias
        assertTrue(table.out().contains("recurrent_kernel  (50, 50)"), table.out());

        Kinspect.Result written = Kinspect.run("weights", model.toString(), "--layer", "simple_rnn_1",
                "--out", out.toString(), "-q");
        assertEquals(0, written.exitCode(), written.err());
        Map<String, INDArray> weights = InspectedModel.open(model).weights("simple_rnn_1");
        for (Map.Entry<String, INDArray> weight : weights.entrySet()) {
            INDArray values = NpyFile.read(out.resolve("simple_rnn_1.weights." + weight.getKey() + ".npy"));
            assertArrayEquals(weight.getValue().shape(), values.shape(), weight.getKey());
            assertEquals(weight.getValue(), values, weight.getKey());
        }
        assertTrue(list(out).containsAll(List.of("index.html", "simple_rnn_1.weights.recurrent_kernel.hinton.png",
                "simple_rnn_1.weights.bias.histogram.png")), list(out).toString());
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("\"simple_rnn_1.weights.kernel.npy\""), "the .npy linked from the index");

        String refusal = Kinspect.run("weights", model.toString(), "--layer", "simple_rnn_1", "--out", out.toString())
                .singleErrorLine();
        assertTrue(refusal.contains("already exist") && refusal.contains("--force"), refusal);
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
