package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code kinspect units} on the sample LSTM and its 300-example data set. The numbers are checked
 * against the layer's output for all 300 examples at once, computed here with
 * {@link InspectedModel#activations} (no batching, no running statistics).
 */
class UnitsCommandTest {
    @TempDir
    Path temp;

    @Test
    void jsonHasTheIssuesKeysAndTheNumbersOfTheWholeDataSet() throws IOException {
        Kinspect.Result result = Kinspect.run("units", sample("sine_lstm.keras").toString(), "--input",
                sample("sine_lstm_eval_x.npy").toString(), "--layer", "lstm_1", "--top", "4", "--batch", "64", "--json");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("", result.err(), "--json prints no progress");
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals("lstm_1", json.get("layer").asText());
        assertEquals(300, json.get("examples").asLong());
        assertEquals(8, json.get("units").size());

        INDArray whole = wholeOutput("lstm_1");  // (300, 20, 8)
        for (JsonNode unit : json.get("units")) {
            int index = unit.get("unit").asInt();
            INDArray values = whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(index)).dup();
            assertEquals(values.meanNumber().doubleValue(), unit.get("mean").asDouble(), 1e-6);
            assertEquals(values.stdNumber().doubleValue() * Math.sqrt((values.length() - 1.0) / values.length()),
                    unit.get("std").asDouble(), 1e-6, "population std");
            assertEquals(values.minNumber().doubleValue(), unit.get("min").asDouble(), 1e-6);
            assertEquals(values.maxNumber().doubleValue(), unit.get("max").asDouble(), 1e-6);
            assertEquals(0.0, unit.get("zero_fraction").asDouble());
            JsonNode top = unit.get("top");
            assertEquals(4, top.size());
            // The best example's peak is the unit's maximum, at its step.
            JsonNode best = top.get(0);
            long example = best.get("index").asLong();
            long step = best.get("step").asLong();
            assertEquals(values.maxNumber().doubleValue(), best.get("value").asDouble(), 1e-6);
            assertEquals(values.getDouble(example, step), best.get("value").asDouble(), 1e-6);
            for (int rank = 1; rank < top.size(); rank++) {
                assertTrue(top.get(rank).get("value").asDouble() <= top.get(rank - 1).get("value").asDouble());
                double peak = values.get(NDArrayIndex.point(top.get(rank).get("index").asLong()), NDArrayIndex.all())
                        .maxNumber().doubleValue();
                assertEquals(peak, top.get(rank).get("value").asDouble(), 1e-6, "max over time");
            }
        }
        assertEquals("[]", json.get("dead_units").toString());
    }

    @Test
    void tableWithProgressAndOutFolder() throws IOException {
        Path out = temp.resolve("units");
        Kinspect.Result result = Kinspect.run("units", sample("sine_lstm.keras").toString(), "--input",
                sample("sine_lstm_eval_x.npy").toString(), "--layer", "dense_1", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("surveying dense_1 ... done in "), result.err());
        List<String> lines = result.outLines();
        assertTrue(lines.get(0).startsWith("dense_1 (Dense) over 300 examples: output (4,) per example, 4 units"),
                lines.get(0));
        assertTrue(result.out().contains("dead units (0 on every example): none"), result.out());
        for (String file : List.of("units.csv", "top_examples.csv", "units.json", "unit_means.png", "dead_units.png",
                "top_examples.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        for (String png : List.of("unit_means.png", "dead_units.png", "top_examples.png")) {
            byte[] start = Files.readAllBytes(out.resolve(png));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(start, 4), png);
        }
        List<String> csv = Files.readAllLines(out.resolve("units.csv"));
        assertEquals("unit,mean,std,min,max,zero_fraction,zero_value_fraction,non_finite,dead,top_index,top_value",
                csv.get(0));
        assertEquals(5, csv.size());
        assertEquals(1 + 4 * 9, Files.readAllLines(out.resolve("top_examples.csv")).size());
        JsonNode json = new ObjectMapper().readTree(out.resolve("units.json").toFile());
        assertEquals(7, json.get("files").size()); // the six above and index.html
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("<h1>units of dense_1 in sine_lstm.keras</h1>"), index);
        for (String file : List.of("units.csv", "top_examples.csv", "units.json")) {
            assertTrue(index.contains("<a href=\"" + file + "\">"), file);
        }
        for (String png : List.of("unit_means.png", "dead_units.png", "top_examples.png")) {
            assertTrue(index.contains("<img src=\"" + png + "\""), png);
        }
        assertTrue(index.contains("dead units (0 on every example): none"), "the table is on the page");

        // ReLU units: zero fractions from the whole output.
        INDArray whole = wholeOutput("dense_1");
        for (int unit = 0; unit < 4; unit++) {
            INDArray values = whole.getColumn(unit);
            double zeros = values.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue();
            assertEquals(zeros / 300, json.get("units").get(unit).get("zero_fraction").asDouble(), 1e-12);
        }

        Kinspect.Result again = Kinspect.run("units", sample("sine_lstm.keras").toString(), "--input",
                sample("sine_lstm_eval_x.npy").toString(), "--layer", "dense_1", "--out", out.toString());
        assertTrue(again.singleErrorLine().contains("already exist"), again.err());
        assertFalse(again.err().contains("importing"), "refused before the import: " + again.err());
    }

    @Test
    void deadUnitsAreListed() throws IOException {
        // Examples of all zeros: every ReLU unit of dense_1 whose bias is not positive stays 0.
        Path zeros = temp.resolve("zeros.npy");
        NpyFile.write(zeros, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 10, 20, 2));
        INDArray expected = InspectedModel.open(sample("sine_lstm.keras"))
                .activation("dense_1", Map.of("signal", NpyFile.read(zeros)));
        List<Integer> dead = new ArrayList<>();
        for (int unit = 0; unit < 4; unit++) {
            if (expected.getColumn(unit).amaxNumber().doubleValue() == 0) dead.add(unit);
        }
        Assumptions.assumeFalse(dead.isEmpty(), "no unit of dense_1 is zero on a zero input");
        Kinspect.Result result = Kinspect.run("units", sample("sine_lstm.keras").toString(), "--input", zeros.toString(),
                "--layer", "dense_1", "--json");
        JsonNode json = new ObjectMapper().readTree(result.out());
        List<Integer> found = new ArrayList<>();
        json.get("dead_units").forEach(unit -> found.add(unit.asInt()));
        assertEquals(dead, found);
        for (int unit : dead) {
            assertTrue(json.get("units").get(unit).get("dead").asBoolean());
            assertEquals(1.0, json.get("units").get(unit).get("zero_fraction").asDouble());
        }
    }

    @Test
    void twoInputModelsTakeEveryInputByName() throws IOException {
        Kinspect.Result result = Kinspect.run("units", sample("two_inputs.keras").toString(),
                "--input", "image=" + sample("two_inputs_image.npy"), "--input", "meta=" + sample("two_inputs_meta.npy"),
                "--layer", "concat", "--top", "1", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(2, json.get("examples").asLong());
        assertFalse(json.get("units").get(0).get("top").get(0).has("step"), "no step for a vector layer");
    }

    @Test
    void userErrorsAreOneLine() throws IOException {
        String model = sample("sine_lstm.keras").toString();
        String data = sample("sine_lstm_eval_x.npy").toString();

        Kinspect.Result shape = Kinspect.run("units", model, "--input", sample("two_inputs_meta.npy").toString(),
                "--layer", "lstm_1", "-q");
        String line = shape.singleErrorLine();
        assertTrue(line.contains("model input 'signal' takes examples of shape (20, 2)"), line);

        Kinspect.Result layer = Kinspect.run("units", model, "--input", data, "--layer", "lstm1", "-q");
        assertTrue(layer.singleErrorLine().contains("nearest: lstm_1"), layer.err());

        Path empty = temp.resolve("empty.npy");
        NpyFile.write(empty, Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, 20, 2));
        Kinspect.Result none = Kinspect.run("units", model, "--input", empty.toString(), "--layer", "lstm_1", "-q");
        assertTrue(none.singleErrorLine().contains("holds no examples"), none.err());

        Kinspect.Result missing = Kinspect.run("units", model, "--input", temp.resolve("nope.npy").toString(),
                "--layer", "lstm_1");
        assertTrue(missing.singleErrorLine().contains("no such file"), missing.err());
        assertFalse(missing.err().contains("importing"), "refused before the import");

        Kinspect.Result top = Kinspect.run("units", model, "--input", data, "--layer", "lstm_1", "--top", "-1");
        assertEquals(ErrorReporter.USAGE_ERROR, top.exitCode());
        assertTrue(top.err().contains("--top must be 0 or more"), top.err());
    }

    private static INDArray wholeOutput(String layer) {
        InspectedModel model = InspectedModel.open(sample("sine_lstm.keras"));
        return model.activation(layer, Map.of("signal", NpyFile.read(sample("sine_lstm_eval_x.npy"))));
    }

    private static Path sample(String name) {
        Path file = TestFiles.samples().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "no sample " + file);
        return file;
    }
}
