package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * What a newcomer tried with the README in hand (issue 19), on the project's samples: options
 * before the command, mistyped commands, returned states shown by one rule, the numbers on the
 * terminal. Numbers are checked against Keras's own reference files of the samples.
 */
class NewcomerPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String sample(String name) {
        return TestFiles.samples().resolve(name).toString();
    }

    @Test
    void optionsBeforeTheCommandCountAsAfterIt() throws IOException {
        Kinspect.Result before = Kinspect.run("--json", "summary", sample("sine_lstm.keras"));
        Kinspect.Result after = Kinspect.run("summary", sample("sine_lstm.keras"), "--json");
        assertEquals(0, before.exitCode(), before.err());
        assertEquals(after.out(), before.out());
        assertEquals("sine_lstm", JSON.readTree(before.out()).get("name").asText());
        assertEquals("", before.err(), "--json prints no progress lines");

        Kinspect.Result quiet = Kinspect.run("-q", "summary", sample("sine_lstm.keras"));
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.err(), "-q before the command silences progress too");
        assertTrue(quiet.out().startsWith("Model \"sine_lstm\""), quiet.out());
    }

    @Test
    void anOptionTheCommandDoesNotTakeIsRefusedNotIgnored() {
        String line = Kinspect.run("--layer", "lstm_1", "summary", sample("sine_lstm.keras")).errLines().get(0);
        assertEquals("kinspect: --layer is not an option of 'kinspect summary' (options of a command go after it: "
                + "kinspect summary --help lists them)", line);
        assertEquals(ErrorReporter.USAGE_ERROR, Kinspect.run("--layer", "x", "summary", sample("sine_lstm.keras")).exitCode());
    }

    @Test
    void aMistypedCommandGetsTheNearestCommand() {
        Kinspect.Result typo = Kinspect.run("sumary", sample("sine_lstm.keras"));
        assertEquals(ErrorReporter.USAGE_ERROR, typo.exitCode());
        assertEquals("kinspect: 'sumary' is neither a model file nor a kinspect command (did you mean summary?)",
                typo.errLines().get(0));
        assertTrue(Kinspect.run("verfy", sample("sine_lstm.keras")).err().contains("did you mean verify?"));
        String inspect = Kinspect.run("inspect", sample("sine_lstm.keras")).errLines().get(0);
        assertTrue(inspect.startsWith("kinspect: 'inspect' is not a kinspect command: inspecting is what kinspect does "
                + "without one (kinspect MODEL --input x.npy); the commands are summary, verify"), inspect);
    }

    @Test
    void helpAsACommandPrintsTheHelp() {
        Kinspect.Result help = Kinspect.run("help");
        assertEquals(0, help.exitCode(), help.err());
        assertEquals(Kinspect.run("--help").out(), help.out());
        Kinspect.Result summaryHelp = Kinspect.run("help", "summary");
        assertEquals(0, summaryHelp.exitCode(), summaryHelp.err());
        assertTrue(summaryHelp.out().startsWith("Usage: kinspect summary"), summaryHelp.out());
    }

    @Test
    void returnedStatesAreShownByOneRuleInTheTableJsonAndApi(@TempDir Path temp) throws IOException {
        String model = sample("reverse_digits.keras");
        TestFiles.writeInputs(TestFiles.samples().resolve("reverse_digits_io.h5"), temp); // NAME.npy each
        Path digitsFile = temp.resolve("digits.npy");
        Path answerFile = temp.resolve("answer_so_far.npy");
        String[] inputs = {"--input", "digits=" + digitsFile, "--input", "answer_so_far=" + answerFile};
        // every layer: the encoder returns its states (return_state=True), so they follow it
        Kinspect.Result all = Kinspect.run(concat(new String[] {model, "-q"}, inputs));
        assertEquals(0, all.exitCode(), all.err());
        List<String> expected = List.of("digits", "answer_so_far", "encoder", "encoder__1", "encoder__2", "decoder",
                "next_digit");
        assertEquals(expected, firstColumn(all));
        assertTrue(all.out().contains("LSTM state c"), all.out());
        // by name: the layer with its states, or one state alone
        assertEquals(expected.subList(2, 5),
                firstColumn(Kinspect.run(concat(new String[] {model, "-q", "--layer", "encoder"}, inputs))));
        Kinspect.Result one = Kinspect.run(concat(new String[] {model, "-q", "--layer", "encoder__1"}, inputs));
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(List.of("encoder__1"), firstColumn(one));
        // JSON: the same rows
        JsonNode json = JSON.readTree(Kinspect.run(concat(new String[] {model, "--json"}, inputs)).out());
        List<String> jsonRows = new ArrayList<>();
        json.get("layers").forEach(layer -> jsonRows.add(layer.get("name").asText()));
        assertEquals(expected, jsonRows);
        // the API: outputNames() is what activations() gives, in the same order
        InspectedModel opened = InspectedModel.open(Path.of(model));
        INDArray digits = NpyFile.read(digitsFile);
        Map<String, INDArray> activations = opened.activations(Map.of("digits", digits,
                "answer_so_far", NpyFile.read(answerFile)));
        assertEquals(expected, opened.outputNames());
        assertEquals(expected, List.copyOf(activations.keySet()));
        INDArray keras = KerasReference.read(TestFiles.samples().resolve("reverse_digits_io.h5")).activations()
                .get("encoder__2");
        INDArray alone = opened.activation("encoder__2", Map.of("digits", digits)); // needs only the input it reads
        assertEquals(0, alone.sub(keras).amaxNumber().doubleValue(), 1e-5, "encoder__2 against Keras");
        assertEquals(0, activations.get("encoder__2").sub(keras).amaxNumber().doubleValue(), 1e-5);
    }

    @Test
    void aRecurrentLayerReturningNoStatesShowsNoneUnlessAskedWithStates() {
        String[] base = {sample("sine_lstm.keras"), "--input", sample("sine_lstm_input.npy"), "--layer", "lstm_1"};
        Kinspect.Result plain = Kinspect.run(base);
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals(List.of("lstm_1"), firstColumn(plain));
        assertFalse(plain.err().contains("importing again"), plain.err());

        Kinspect.Result states = Kinspect.run(concat(base, new String[] {"--states", "-q"}));
        assertEquals(0, states.exitCode(), states.err());
        assertEquals(List.of("lstm_1", "lstm_1__1", "lstm_1__2"), firstColumn(states));
        Kinspect.Result missing = Kinspect.run(sample("sine_lstm.keras"), "--input", sample("sine_lstm_input.npy"),
                "--layer", "lstm_1__1");
        assertTrue(missing.singleErrorLine().startsWith("kinspect: no layer named 'lstm_1__1'; nearest: lstm_1"),
                missing.err());
    }

    @Test
    void valuesPrintKerasNumbersForALayerOrOneExample() throws IOException {
        KerasReference keras = KerasReference.read(TestFiles.samples().resolve("sine_lstm_io.h5"));
        String[] base = {sample("sine_lstm.keras"), "--input", sample("sine_lstm_input.npy"), "--layer", "lstm_2",
                "--values", "-q"};
        Kinspect.Result text = Kinspect.run(base);
        assertEquals(0, text.exitCode(), text.err());
        INDArray lstm2 = keras.activations().get("lstm_2"); // (4, 6)
        List<String> lines = text.outLines();
        int header = lines.indexOf("lstm_2 (LSTM), shape (4, 6):");
        assertTrue(header > 0, text.out());
        for (int row = 0; row < 4; row++) {
            String[] numbers = lines.get(header + 1 + row).replaceAll("[\\[\\],]", " ").trim().split("\\s+");
            assertEquals(6, numbers.length, lines.get(header + 1 + row));
            for (int unit = 0; unit < 6; unit++) {
                assertEquals(lstm2.getDouble(row, unit), Double.parseDouble(numbers[unit]), 5e-5, "row " + row);
            }
        }

        Kinspect.Result json = Kinspect.run(concat(base, new String[] {"--json", "--example", "2"}));
        assertEquals(0, json.exitCode(), json.err());
        JsonNode layer = JSON.readTree(json.out()).get("layers").get(0);
        assertEquals(6, layer.get("values").size(), "example 2 alone: (6,)");
        for (int unit = 0; unit < 6; unit++) {
            assertEquals(lstm2.getDouble(2, unit), layer.get("values").get(unit).asDouble(), 1e-5);
        }
        Kinspect.Result outside = Kinspect.run(concat(base, new String[] {"--example", "4"}));
        assertTrue(outside.singleErrorLine().contains("--example 4 is not in the batch"), outside.err());
    }

    @Test
    void aLayerNeedsOnlyTheInputsItReadsInTheApiAndInUnits() {
        KerasReference keras = KerasReference.read(TestFiles.samples().resolve("two_inputs_io.h5"));
        InspectedModel model = InspectedModel.open(TestFiles.samples().resolve("two_inputs.keras"));
        INDArray conv = model.activation("conv", Map.of("image", keras.inputs().get("image")));
        assertEquals(0, conv.sub(keras.activations().get("conv")).amaxNumber().doubleValue(), 1e-5);
        INDArray metaDense = model.activations(Map.of("meta", keras.inputs().get("meta")), List.of("meta_dense"))
                .get("meta_dense");
        assertEquals(0, metaDense.sub(keras.activations().get("meta_dense")).amaxNumber().doubleValue(), 1e-5);
        // a layer that reads both still needs both, and says which
        String missing = org.junit.jupiter.api.Assertions.assertThrows(org.kinspect.errors.KinspectException.class,
                () -> model.activation("out", Map.of("image", keras.inputs().get("image")))).getMessage();
        assertTrue(missing.startsWith("no input given for model input 'meta'"), missing);

        Kinspect.Result units = Kinspect.run("units", sample("two_inputs.keras"), "--input",
                "image=" + sample("two_inputs_image.npy"), "--layer", "conv", "-q");
        assertEquals(0, units.exitCode(), units.err());
        assertTrue(units.out().startsWith("conv (Conv2D) over "), units.out());
    }

    @Test
    void libraryErrorsDoNotSendTheUserToTheCommandLine() {
        InspectedModel model = InspectedModel.open(TestFiles.samples().resolve("sine_lstm.keras"));
        String message = org.junit.jupiter.api.Assertions.assertThrows(org.kinspect.errors.KinspectException.class,
                () -> model.weights("lstm")).getMessage();
        assertEquals("no layer named 'lstm'; nearest: lstm_1, lstm_2, classes (of 5)", message);
        assertFalse(model.summary().toString().isBlank());
    }

    private static final Path LAMBDA = Path.of("../inspector/src/test/resources/custom/lambda.keras").toAbsolutePath()
            .normalize();

    @Test
    void summaryAndMemoryShowALambdaModelOnlyRunningItNeedsTheReplacement() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(LAMBDA), "no " + LAMBDA);
        Kinspect.Result summary = Kinspect.run("summary", LAMBDA.toString(), "-q");
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("doubled   Lambda      unknown                0  features"), summary.out());
        assertTrue(summary.out().contains("Lambda layers without a Java replacement (shown, not run: running the model "
                + "needs one): doubled, plus_one"), summary.out());
        JsonNode json = JSON.readTree(Kinspect.run("summary", LAMBDA.toString(), "--json").out());
        assertTrue(json.get("layers").get(1).get("output_shape").isNull(), "unknown is null in JSON");

        Kinspect.Result memory = Kinspect.run("memory", LAMBDA.toString(), "-q");
        assertEquals(0, memory.exitCode(), memory.err());
        assertTrue(memory.out().contains("doubled   Lambda      (None, 4) ?"), memory.out());

        Kinspect.Result run = Kinspect.run(LAMBDA.toString(), "--input", sample("sine_lstm_input.npy"));
        assertEquals(ErrorReporter.UNSUPPORTED, run.exitCode(), run.err());
        assertTrue(run.singleErrorLine().contains("layer 'doubled' is a Lambda"), run.err());
    }

    @Test
    void aLambdaOutputShapeKerasRecordedIsShown(@TempDir Path temp) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(LAMBDA), "no " + LAMBDA);
        // the same model with output_shape=(4,) recorded for 'doubled', as Lambda(..., output_shape=(4,)) saves it
        Path recorded = temp.resolve("lambda_shape.keras");
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(LAMBDA.toFile());
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(recorded))) {
            for (java.util.zip.ZipEntry entry : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("config.json")) {
                    String config = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                    String edited = config.replaceFirst("\"name\": \"doubled\",", "\"name\": \"doubled\", \"output_shape\": [4],");
                    assertFalse(edited.equals(config), "the edit applies");
                    bytes = edited.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        Kinspect.Result summary = Kinspect.run("summary", recorded.toString(), "-q");
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("doubled   Lambda      (None, 4)"), summary.out());
        assertTrue(summary.out().contains("plus_one  Lambda      unknown"), summary.out());
    }

    private static List<String> firstColumn(Kinspect.Result result) {
        List<String> rows = new ArrayList<>();
        for (String line : result.outLines().subList(2, result.outLines().size())) {
            if (line.isBlank()) {
                break;
            }
            rows.add(line.split("\\s+")[0]);
        }
        return rows;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
