package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code kinspect diff} on the sample LSTM: its fine-tuned copy, its {@code .h5} twin, a wider
 * architecture, and a shifted data set. The numbers are checked against numpy's from Keras's own
 * activations ({@code samples/models/diff_expected.json}, made by {@code make_diff_samples.py}).
 */
class DiffCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static String sample(String name) {
        return TestFiles.samples().resolve(name).toString();
    }

    private static JsonNode expected() throws IOException {
        return JSON.readTree(Files.readString(TestFiles.samples().resolve("diff_expected.json")));
    }

    @Test
    void twoModelsJsonHasTheIssuesKeysAndNumpysNumbers() throws IOException {
        Kinspect.Result result = Kinspect.run("diff", sample("sine_lstm.keras"), sample("sine_lstm_finetuned.keras"),
                "--input", sample("sine_lstm_eval_x.npy"), "--batch", "128", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = JSON.readTree(result.out());
        assertEquals("lstm_1", json.get("first_divergent_layer").asText());
        assertEquals(1e-5, json.get("tolerance").asDouble());
        assertEquals(300, json.get("examples").asLong());
        JsonNode expected = expected().get("models").get("layers");
        assertEquals(expected.size(), json.get("layers").size());
        for (int index = 0; index < expected.size(); index++) {
            JsonNode ours = json.get("layers").get(index);
            JsonNode numpy = expected.get(index);
            assertEquals(numpy.get("name").asText(), ours.get("name").asText());
            for (String key : List.of("max_abs_diff", "max_rel_diff", "cosine", "weight_rel_change")) {
                assertEquals(numpy.get(key).asDouble(), ours.get(key).asDouble(), 1e-5, ours.get("name") + " " + key);
            }
        }
        assertEquals(0, json.get("unmatched").size());
    }

    @Test
    void anH5AndItsKerasFileShowNoDivergentLayer() throws IOException {
        Kinspect.Result result = Kinspect.run("diff", sample("sine_lstm.keras"), sample("sine_lstm.h5"),
                "--input", sample("sine_lstm_eval_x.npy"), "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = JSON.readTree(result.out());
        assertTrue(json.get("first_divergent_layer").isNull());
        for (JsonNode layer : json.get("layers")) {
            assertEquals(0.0, layer.get("max_abs_diff").asDouble(), layer.get("name").asText());
        }
    }

    @Test
    void anotherArchitectureListsTheUnmatchedLayersInTheTable() {
        Kinspect.Result result = Kinspect.run("diff", sample("sine_lstm.keras"), sample("sine_lstm_wider.keras"),
                "--input", sample("sine_lstm_eval_x.npy"), "-q");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("  extra: only in B"), result.out());
        assertTrue(result.out().contains("  lstm_2: output (6,) in A, (10,) in B"), result.out());
        assertTrue(result.out().contains("first layer beyond the tolerance: lstm_1"), result.out());
        // dense_1 has a kernel of another shape: its output is compared, its weights are not
        assertTrue(result.out().lines().anyMatch(line -> line.startsWith("dense_1") && line.contains("       -  ")),
                result.out());
    }

    @Test
    void twoDataSetsJsonHasTheIssuesKeysNumpysNumbersAndTheCharts() throws IOException {
        Path out = temp.resolve("shift");
        Kinspect.Result result = Kinspect.run("diff", sample("sine_lstm.keras"), "--input", sample("sine_lstm_eval_x.npy"),
                "--against", sample("sine_lstm_shifted_x.npy"), "--bins", "10", "--batch", "100", "--out", out.toString(),
                "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = JSON.readTree(result.out());
        assertEquals("[300,300]", json.get("examples").toString());
        JsonNode expected = expected().get("shift").get("layers");
        for (int index = 0; index < expected.size(); index++) {
            JsonNode ours = json.get("layers").get(index);
            JsonNode numpy = expected.get(index);
            assertEquals(numpy.get("name").asText(), ours.get("name").asText());
            assertEquals(numpy.get("mean_kl").asDouble(), ours.get("mean_kl").asDouble(), 1e-3);
            assertEquals(numpy.get("mean_psi").asDouble(), ours.get("mean_psi").asDouble(), 1e-3);
            for (int unit = 0; unit < numpy.get("units").size(); unit++) {
                JsonNode numpyUnit = numpy.get("units").get(unit);
                JsonNode ourUnit = ours.get("units").get(unit);
                assertEquals(numpyUnit.get("unit").asInt(), ourUnit.get("unit").asInt());
                assertEquals(numpyUnit.get("kl").asDouble(), ourUnit.get("kl").asDouble(), 3e-3);
                assertEquals(numpyUnit.get("psi").asDouble(), ourUnit.get("psi").asDouble(), 3e-3);
                assertEquals(numpyUnit.get("mean_shift").asDouble(), ourUnit.get("mean_shift").asDouble(), 1e-6);
            }
        }
        assertEquals("lstm_2", json.get("ranked").get(0).asText());
        List<String> files = new ArrayList<>();
        json.get("files").forEach(file -> files.add(Path.of(file.asText()).getFileName().toString()));
        assertEquals(List.of("layer_shift.png", "unit_shift.png", "shifted_units.png", "diff.json", "index.html"), files);
        for (String file : files) {
            assertTrue(Files.size(out.resolve(file)) > 1000, file);
        }
        assertEquals(json, JSON.readTree(Files.readString(out.resolve("diff.json"))));
        assertTrue(Files.readString(out.resolve("index.html")).contains("<img src=\"shifted_units.png\""));
    }

    @Test
    void wrongCommandLinesAreRefusedInOneLine() {
        String model = sample("sine_lstm.keras");
        String x = sample("sine_lstm_eval_x.npy");
        Kinspect.Result neither = Kinspect.run("diff", model, "--input", x);
        assertEquals(2, neither.exitCode());
        assertTrue(neither.err().contains("give a second model"), neither.err());
        Kinspect.Result both = Kinspect.run("diff", model, model, "--input", x, "--against", x);
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("not both"), both.err());
        assertEquals(2, Kinspect.run("diff", model, model, "--input", x, "--bins", "5").exitCode());
        assertEquals(2, Kinspect.run("diff", model, "--input", x, "--against", x, "--tolerance", "1").exitCode());
        Kinspect.Result layer = Kinspect.run("diff", model, model, "--input", x, "--layer", "lstm_3", "-q");
        assertEquals(4, layer.exitCode());
        assertTrue(layer.err().startsWith("kinspect: no layer named 'lstm_3'") && layer.err().contains("lstm_1"), layer.err());
        assertEquals(1, layer.err().lines().count(), layer.err());
    }
}
