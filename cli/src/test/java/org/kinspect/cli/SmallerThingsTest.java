package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smaller things a newcomer tripped over (issue 19, point 11), each as the newcomer met it. */
class SmallerThingsTest {
    @TempDir
    Path temp;

    private static String sample(String name) {
        return TestFiles.samples().resolve(name).toString();
    }

    @Test
    void theReportHeaderNamesTheFormatForPeopleAndTheWeightsReportMentionsNoExample() throws IOException {
        Path out = temp.resolve("report");
        Kinspect.Result run = Kinspect.run(sample("sine_lstm.keras"), "--input", sample("sine_lstm_input.npy"),
                "--layer", "classes", "--out", out.toString(), "-q");
        assertEquals(0, run.exitCode(), run.err());
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("Keras 3 .keras zip. Charts show example 0 of the batch."), index);
        assertFalse(index.contains("KERAS_ZIP"), index);
        // the caption names the file, it does not repeat the chart's title
        assertTrue(index.contains("<figcaption><a href=\"classes.units.png\">classes.units.png</a></figcaption>"), index);
        // a 3-class softmax: one bar chart, not two near-identical ones
        assertFalse(Files.exists(out.resolve("classes.sorted.png")));

        Path weights = temp.resolve("weights");
        Kinspect.Result weightsRun = Kinspect.run("weights", sample("sine_lstm.keras"), "--layer", "classes",
                "--out", weights.toString(), "-q");
        assertEquals(0, weightsRun.exitCode(), weightsRun.err());
        String weightsIndex = Files.readString(weights.resolve("index.html"));
        assertFalse(weightsIndex.contains("Charts show example"), weightsIndex);
        assertTrue(weightsIndex.contains("Keras 3 .keras zip."), weightsIndex);
    }

    @Test
    void negativeZeroIsShownAsZero() {
        assertEquals("0.0000", Formats.statistic(-0.0));
        assertEquals("-1.0000e-09", Formats.statistic(-1e-9));
    }

    @Test
    void theHelpFitsEightyColumnsNamesEveryCommonOptionAndEachCommandHasExamples() {
        String help = Kinspect.run("--help").out();
        String synopsis = help.substring(0, help.indexOf("\n\n"));
        for (String line : synopsis.lines().toList()) {
            assertTrue(line.length() <= 80, "longer than 80: " + line);
            assertFalse(line.startsWith("[") || line.startsWith("-"), "a wrapped line at column 0: " + line);
        }
        assertTrue(help.contains("[--strict]") && help.contains("[--plugin JAR]"), synopsis);
        assertFalse(help.contains("a shared layer"), "shared layers are supported");
        for (String command : List.of("summary", "verify", "weights")) {
            String commandHelp = Kinspect.run(command, "--help").out();
            assertTrue(commandHelp.contains("Examples:\n  kinspect " + command) || commandHelp.contains("Examples:\n  python3"),
                    commandHelp);
        }
    }

    @Test
    void memoryNamesTheStepsOptionAndAConfigWithoutAClassSaysSo() throws IOException {
        Kinspect.Result open = Kinspect.run("memory", sample("reverse_digits.keras"), "-q");
        assertEquals(0, open.exitCode(), open.err());
        assertTrue(open.out().contains("give the steps to plan for (--steps N)"), open.out());
        assertFalse(open.out().contains("MemoryOptions."), open.out());

        Path bad = Files.writeString(temp.resolve("bad.json"), "{\"config\": {\"layers\": []}}");
        String line = Kinspect.run("memory", bad.toString()).singleErrorLine();
        assertEquals("kinspect: " + bad + ": the configuration names no model class (no \"class_name\"); give the JSON "
                + "of a Keras model (model.to_json(): Sequential, Model or Functional)", line);
    }

    @Test
    void anOutFolderThatCannotBeMadeFailsWithTheReasonBeforeTheModelIsRun() {
        Kinspect.Result result = Kinspect.run(sample("sine_lstm.keras"), "--input", sample("sine_lstm_input.npy"),
                "--out", "/proc/kinspect-report");
        String line = result.singleErrorLine();
        assertTrue(line.startsWith("kinspect: /proc/kinspect-report: cannot create this folder ("), line);
        assertTrue(line.endsWith("); give --out another folder"), line);
        assertFalse(result.err().contains("running a batch"), "refused before running: " + result.err());
        assertFalse(Files.exists(Path.of("/proc/kinspect-report")));
    }

    @Test
    void aUnitTheLayerDoesNotHaveIsWarnedAboutOnTheTerminal() {
        Kinspect.Result result = Kinspect.run(sample("sine_lstm.keras"), "--input", sample("sine_lstm_input.npy"),
                "--layer", "lstm_1", "--units", "0,99", "--out", temp.resolve("units").toString(), "-q");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("kinspect: warning: units 99 asked for, but lstm_1 has 8 (0 to 7); not drawn", result.err().strip());
    }

    @Test
    void aLayerWithoutWeightsIsSaidToHaveNone() {
        Kinspect.Result alone = Kinspect.run("weights", sample("two_inputs.keras"), "--layer", "pool");
        assertEquals(ErrorReporter.BAD_INPUT, alone.exitCode());
        assertEquals("kinspect: layer 'pool' (MaxPooling2D) has no weights; the layers with weights: conv, meta_dense, out",
                alone.singleErrorLine());

        Kinspect.Result withOthers = Kinspect.run("weights", sample("two_inputs.keras"), "--layer", "pool", "--layer",
                "conv", "-q");
        assertEquals(0, withOthers.exitCode(), withOthers.err());
        assertEquals("kinspect: warning: layer 'pool' (MaxPooling2D) has no weights", withOthers.err().strip());
        assertTrue(withOthers.outLines().get(2).startsWith("conv "), withOthers.out());
    }

    @Test
    void wrongLabelsAreDescribedPerExampleNotByTheBatchsShape() throws IOException {
        Path labels = temp.resolve("labels.npy");
        org.kinspect.array.NpyFile.write(labels, org.nd4j.linalg.factory.Nd4j.zeros(300, 5));
        String line = Kinspect.run("eval", sample("sine_lstm.keras"), "--input", sample("sine_lstm_eval_x.npy"),
                "--labels", labels.toString(), "-q").singleErrorLine();
        assertEquals("kinspect: " + labels + ": shape (N, 5) is neither class indices (N,) nor one-hot rows (N, 3) "
                + "for the model's 3 classes", line);
    }
}
