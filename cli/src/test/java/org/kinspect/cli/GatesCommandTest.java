package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.gates.GateTraces;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** {@code kinspect MODEL --input X --layer L --gates}: the sample LSTM's gates, as a table, files, charts and JSON. */
class GatesCommandTest {
    private static final Path MODEL = TestFiles.samples().resolve("sine_lstm.keras");
    private static final Path INPUT = TestFiles.samples().resolve("sine_lstm_input.npy");

    @Test
    void theTableShowsEveryGateOfTheLayer() {
        Kinspect.Result result = Kinspect.run(MODEL.toString(), "--input", INPUT.toString(), "--layer", "lstm_1",
                "--gates", "-q");

        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.outLines();
        int title = lines.stream().filter(line -> line.startsWith("lstm_1 (LSTM) gates over 4 examples \u00d7 20 steps,"
                + " 8 units (its output checked against the layer's: largest difference ")).findFirst()
                .map(lines::indexOf).orElse(-1);
        assertTrue(title > 0, result.out());
        List<String> traces = lines.subList(title + 3, title + 9).stream().map(line -> line.split("\\s+")[0]).toList();
        assertEquals(List.of("i", "f", "g", "o", "c", "h"), traces);
        assertTrue(lines.get(title + 4).contains("forget gate"), lines.get(title + 4));
    }

    @Test
    void withOutEachTraceIsAnNpyFileAndTheReportDrawsAndLinksTheGates(@TempDir Path temp) throws IOException {
        Path out = temp.resolve("report");
        Kinspect.Result result = Kinspect.run(MODEL.toString(), "--input", INPUT.toString(), "--layer", "lstm_1",
                "--gates", "--units", "3", "--out", out.toString(), "-q");

        assertEquals(0, result.exitCode(), result.err());
        GateTraces expected = InspectedModel.open(MODEL).gates(Map.of("signal", NpyFile.read(INPUT)), "lstm_1");
        for (String trace : List.of("i", "f", "g", "o", "c", "h")) {
            INDArray written = NpyFile.read(out.resolve("lstm_1.gates." + trace + ".npy"));
            assertArrayEquals(new long[] {4, 20, 8}, written.shape(), trace);
            assertEquals(expected.trace(trace), written, trace);
            assertTrue(Files.size(out.resolve("lstm_1.gates." + trace + ".heatmap.png")) > 1000, trace);
        }
        assertTrue(Files.size(out.resolve("lstm_1.gates.unit-3.png")) > 1000);
        assertTrue(Files.size(out.resolve("lstm_1.gates.f.saturation.png")) > 1000);
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("href=\"lstm_1.gates.c.npy\""), "the index links the traces");
        assertTrue(index.contains("src=\"lstm_1.gates.f.saturation.png\""), "the index shows the charts");
        assertTrue(result.out().contains("lstm_1.gates.f.npy"), result.out());
    }

    @Test
    void theJsonGivesEachTracesStatistics() throws IOException {
        Kinspect.Result result = Kinspect.run(MODEL.toString(), "--input", INPUT.toString(), "--layer", "lstm_2",
                "--gates", "--json", "-q");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode gates = new ObjectMapper().readTree(result.out()).get("gates").get(0);
        assertEquals("lstm_2", gates.get("layer").asText());
        JsonNode forget = gates.get("traces").get(1);
        assertEquals("f", forget.get("trace").asText());
        assertEquals(List.of(4, 20, 6), List.of(forget.get("shape").get(0).asInt(), forget.get("shape").get(1).asInt(),
                forget.get("shape").get(2).asInt()));
        double closed = forget.get("closed_fraction").asDouble();
        double open = forget.get("open_fraction").asDouble();
        assertTrue(closed >= 0 && open >= 0 && closed + open <= 1, forget.toString());
        assertTrue(gates.get("traces").get(4).get("closed_fraction").isNull(), "c is a state, not a gate");
    }

    @Test
    void gatesWithoutALayerIsAWrongCommandLine() {
        Kinspect.Result result = Kinspect.run(MODEL.toString(), "--input", INPUT.toString(), "--gates");

        assertEquals(2, result.exitCode());
        assertEquals(List.of("kinspect: --gates needs --layer NAME: the recurrent layer(s) to trace",
                "Try 'kinspect --help' for more information."), result.errLines());
    }

    @Test
    void aLayerWithoutGatesIsRefusedByName() {
        Kinspect.Result result = Kinspect.run(MODEL.toString(), "--input", INPUT.toString(), "--layer", "dense_1",
                "--gates", "-q");

        assertEquals(5, result.exitCode(), result.err());
        assertTrue(result.singleErrorLine().contains("cannot trace the gates of layer 'dense_1' (Dense)"), result.err());
    }

    @Test
    void unitsWithGatesSurveysEachUnitsGatesOverTheDataSet(@TempDir Path temp) throws IOException {
        Path out = temp.resolve("units");
        Kinspect.Result result = Kinspect.run("units", MODEL.toString(), "--input",
                TestFiles.samples().resolve("sine_lstm_eval_x.npy").toString(), "--layer", "lstm_2", "--gates",
                "--batch", "64", "--out", out.toString(), "-q");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("lstm_2 (LSTM) gates over 300 examples"), result.out());
        List<String> csv = Files.readAllLines(out.resolve("gates.csv"));
        assertEquals("gate,unit,values,mean,closed_fraction,open_fraction", csv.get(0));
        assertEquals(1 + 3 * 6, csv.size(), "i, f and o of 6 units");
        assertTrue(csv.get(7).startsWith("f,0,6000,"), csv.get(7)); // 300 examples x 20 steps
        JsonNode gates = new ObjectMapper().readTree(out.resolve("units.json").toFile()).get("gates");
        assertEquals(6, gates.get("gates").get("f").size());
    }

    @Test
    void unitsWithGatesRefusesALayerWithoutGates() {
        Kinspect.Result result = Kinspect.run("units", MODEL.toString(), "--input",
                TestFiles.samples().resolve("sine_lstm_eval_x.npy").toString(), "--layer", "dense_1", "--gates", "-q");

        assertEquals(5, result.exitCode(), result.err());
        assertTrue(result.singleErrorLine().contains("cannot trace the gates of layer 'dense_1' (Dense)"), result.err());
    }
}
