package org.kinspect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.array.NpyFile;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reports of real Keras models: every file there, every PNG drawn, the index showing them all. */
class ReportWriterTest {
    static final String KERAS = "dl4j-test-resources/modelimport/keras/";
    /** tf.keras: Input(None, 3) -> LSTM(6, return_sequences=True); any number of steps. */
    static final String LSTM_SEQUENCES = KERAS + "tfkeras/rnn_156.h5";

    @TempDir
    Path folder;

    @Test
    void aRecurrentLayerGetsItsHeatmapUnitsOverTimeFinalStateAndWeights() throws IOException {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve(LSTM_SEQUENCES));
        String lstm = layerOfClass(model, "LSTM");
        Report report = ReportWriter.write(model, model.activations(sines(3, 30, 3)),
                ReportOptions.defaults().withWeights(true), folder);

        assertEquals(Set.of(lstm + ".heatmap.png", lstm + ".traces.png", lstm + ".final_state.png",
                        lstm + ".weights.kernel.hinton.png", lstm + ".weights.kernel.histogram.png",
                        lstm + ".weights.recurrent_kernel.hinton.png", lstm + ".weights.recurrent_kernel.histogram.png",
                        lstm + ".weights.bias.histogram.png"),
                names(report.images().stream().filter(image -> image.layer().equals(lstm)).toList()));
        assertEverythingIsDrawnAndIndexed(model, report);
        String index = Files.readString(report.index());
        assertTrue(index.contains("example shown") && index.contains("whole batch"), "statistics tables");
        assertTrue(index.contains("<code>recurrent_kernel</code>"), "weight statistics");
    }

    @Test
    void denseLayersGetBarChartsOfEveryUnitSortedToo() throws IOException {
        Path example = Corpus.root().resolve(KERAS + "examples/activations/ReLU_0_model.h5");
        InspectedModel model = InspectedModel.open(example);
        KerasReference reference = KerasReference.read(example.resolveSibling("ReLU_0_inputs_and_outputs.h5"));
        Report report = ReportWriter.write(model, model.activations(reference.inputs()), ReportOptions.defaults(),
                folder);

        String relu = layerOfClass(model, "ReLU");
        assertEquals(Set.of(relu + ".units.png", relu + ".sorted.png"),
                names(report.images().stream().filter(image -> image.layer().equals(relu)).toList()));
        assertEverythingIsDrawnAndIndexed(model, report);
    }

    @Test
    void aChannelsFirstConv1DIsDrawnAsChannelsOverSteps() throws IOException {
        Path example = Corpus.root().resolve(KERAS + "examples/conv1d/conv1d_k3_s1_d1_cf_valid_model.h5");
        InspectedModel model = InspectedModel.open(example);
        KerasReference reference = KerasReference.read(
                example.resolveSibling("conv1d_k3_s1_d1_cf_valid_inputs_and_outputs.h5"));
        Map<String, INDArray> activations = model.activations(reference.inputs());
        Report report = ReportWriter.write(model, activations, ReportOptions.defaults(), folder);

        String conv = layerOfClass(model, "Conv1D");
        assertEquals(List.of(2L, 4L, 14L), List.of(activations.get(conv).shape()[0], activations.get(conv).shape()[1],
                activations.get(conv).shape()[2])); // (batch, channels, steps)
        double[][] drawn = ExampleSlice.of(activations.get(conv), 0, conv).rowsOverSteps(true);
        assertEquals(4, drawn.length, "one row per channel");
        assertEquals(14, drawn[0].length, "one column per step");
        assertTrue(names(report.images()).contains(conv + ".heatmap.png"));
        assertTrue(Files.readString(report.index()).contains("channels \u00d7 steps"));
        assertEverythingIsDrawnAndIndexed(model, report);
    }

    @Test
    void conv2dLayersGetAGridOfFeatureMaps() throws IOException {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve(KERAS + "tfkeras/cnn2d_64.h5"));
        Nd4j.getRandom().setSeed(7);
        INDArray image = Nd4j.rand(DataType.FLOAT, 2, 10, 10, 3);
        Report report = ReportWriter.write(model, model.activations(image), ReportOptions.defaults(), folder);

        for (LayerSpec layer : ModelInternals.spec(model).layers()) {
            if (layer.className().equals("Conv2D")) {
                assertTrue(names(report.images()).contains(layer.name() + ".feature_maps.png"), layer.name());
            }
        }
        assertEverythingIsDrawnAndIndexed(model, report);
    }

    @Test
    void extraOutputsOfARecurrentLayerAreDrawnAsItsFinalStates() {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve(LSTM_SEQUENCES));
        String lstm = layerOfClass(model, "LSTM");
        Map<String, INDArray> activations = new LinkedHashMap<>(model.activations(sines(2, 12, 3)));
        // As KerasReference gives an LSTM(return_state=True): LAYER__1 = h, LAYER__2 = c.
        INDArray sequence = activations.get(lstm);
        activations.put(lstm + "__1", sequence.get(all(), point(11), all()).dup());
        activations.put(lstm + "__2", Nd4j.linspace(-1, 1, 12, DataType.FLOAT).reshape(2, 6));
        Report report = ReportWriter.write(model, activations, ReportOptions.defaults().withLayers(List.of(lstm)), folder);

        assertEquals(Set.of(lstm + ".heatmap.png", lstm + ".traces.png", lstm + ".state1.png", lstm + ".state2.png"),
                names(report.images()));
        report.images().forEach(PngAssertions::assertDrawn);
    }

    @Test
    void theStatesAnEncoderLstmReturnsAreDrawnOnceEach() {
        // Keras 2 seq2seq: lstm_1 returns (h, h, c) without sequences; lstm_2 sequences plus (h, c).
        Path file = Corpus.root().resolve("public-models/udnet96__lstm_seq2seq__s2s.h5");
        InspectedModel model = InspectedModel.open(file);
        Map<String, INDArray> activations = model.activations(
                KerasReference.read(file.resolveSibling("udnet96__lstm_seq2seq__s2s_io.h5")).inputs());
        Report report = ReportWriter.write(model, activations,
                ReportOptions.defaults().withLayers(List.of("lstm_1", "lstm_2")), folder);

        assertEquals(Set.of("lstm_1.units.png", "lstm_1.sorted.png", "lstm_1.state2.png", "lstm_2.heatmap.png",
                "lstm_2.traces.png", "lstm_2.state1.png", "lstm_2.state2.png"), names(report.images()));
        report.images().forEach(PngAssertions::assertDrawn);
    }

    @Test
    void onlyTheLayersAskedForAreDrawnWhileTheSummaryListsThemAll() throws IOException {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve(LSTM_SEQUENCES));
        String lstm = layerOfClass(model, "LSTM");
        Report report = ReportWriter.write(model, model.activations(sines(1, 8, 3)),
                ReportOptions.defaults().withLayers(List.of(lstm)), folder);

        assertTrue(report.images().stream().allMatch(image -> image.layer().equals(lstm)));
        String index = Files.readString(report.index());
        model.layerNames().forEach(name -> assertTrue(index.contains(name), name + " in the summary"));
    }

    @Test
    void unitsAskedForAreDrawnAndThoseTheLayerLacksAreNamed() throws IOException {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve(LSTM_SEQUENCES));
        String lstm = layerOfClass(model, "LSTM");
        Report report = ReportWriter.write(model, model.activations(sines(2, 10, 3)),
                ReportOptions.defaults().withLayers(List.of(lstm)).withUnits(List.of(0, 2, 99)), folder);

        String index = Files.readString(report.index());
        assertTrue(index.contains("units 99 asked for, but " + lstm + " has 6 (0 to 5)"), index);
    }

    @Test
    void weightsAloneMakeAReport() throws IOException {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve(LSTM_SEQUENCES));
        Report report = ReportWriter.write(model, Map.of(), ReportOptions.defaults().withWeights(true), folder);

        assertEquals(5, report.images().size(), "Hinton diagrams of 2 matrices, histograms of 3 tensors");
        assertTrue(report.images().stream().allMatch(image -> image.file().getFileName().toString().contains(".weights.")));
        assertEverythingIsDrawnAndIndexed(model, report);
    }

    @Test
    void theSameModelGivesTheSameFileNames(@TempDir Path again) {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve(LSTM_SEQUENCES));
        Map<String, INDArray> activations = model.activations(sines(2, 10, 3));
        Report first = ReportWriter.write(model, activations, ReportOptions.defaults().withWeights(true), folder);
        Report second = ReportWriter.write(model, activations, ReportOptions.defaults().withWeights(true), again);

        assertEquals(first.files().stream().map(Path::getFileName).toList(),
                second.files().stream().map(Path::getFileName).toList());
    }

    @Test
    void anUnknownLayerOrExampleSaysWhatThereIs() {
        InspectedModel model = InspectedModel.open(Corpus.root().resolve(LSTM_SEQUENCES));
        Map<String, INDArray> activations = model.activations(sines(2, 10, 3));
        String lstm = layerOfClass(model, "LSTM");

        KinspectException layer = assertThrows(KinspectException.class, () -> ReportWriter.write(model, activations,
                ReportOptions.defaults().withLayers(List.of(lstm + "x")), folder));
        assertTrue(layer.getMessage().contains(lstm), layer.getMessage());
        KinspectException example = assertThrows(KinspectException.class, () -> ReportWriter.write(model, activations,
                ReportOptions.defaults().withExample(5), folder));
        assertTrue(example.getMessage().contains("2 examples (0 to 1)"), example.getMessage());
    }

    @Test
    void theKeras3SampleLstmIsDrawn() {
        Path sample = Path.of("../samples/models/sine_lstm.h5");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "no samples folder");
        InspectedModel model;
        try {
            model = InspectedModel.open(sample);
        } catch (KinspectException e) {
            Assumptions.assumeFalse(e.getMessage().contains("not readable yet"), e.getMessage());
            throw e;
        }
        INDArray signal = NpyFile.read(sample.resolveSibling("sine_lstm_input.npy"));
        Report report = ReportWriter.write(model, model.activations(signal),
                ReportOptions.defaults().withWeights(true), folder);

        assertTrue(names(report.images()).containsAll(List.of("lstm_1.heatmap.png", "lstm_1.traces.png",
                "lstm_1.final_state.png", "lstm_2.units.png", "dense_1.units.png", "classes.units.png")));
        // a 3-class softmax: one bar chart, not a second sorted one that would look the same
        assertFalse(names(report.images()).contains("classes.sorted.png"), names(report.images()).toString());
        assertEverythingIsDrawnAndIndexed(model, report);
    }

    /** Every image a valid PNG of its stated size with something drawn; the index shows every image and names every layer. */
    static void assertEverythingIsDrawnAndIndexed(InspectedModel model, Report report) {
        assertFalse(report.images().isEmpty());
        try {
            String index = Files.readString(report.index());
            for (ReportImage image : report.images()) {
                PngAssertions.assertDrawn(image);
                assertEquals(report.index().getParent(), image.file().getParent(), "images beside the index");
                assertTrue(index.contains("src=\"" + image.file().getFileName() + "\""), image.file() + " in the index");
            }
            for (String layer : model.layerNames()) {
                assertTrue(index.contains(">" + IndexPage.escape(layer) + "<"), layer + " in the index");
            }
            assertFalse(index.contains("http://") || index.contains("https://"), "the index needs no network");
            Matcher link = Pattern.compile("href=\"#([^\"]+)\"").matcher(index);
            while (link.find()) {
                assertTrue(index.contains("id=\"" + link.group(1) + "\""), "link to #" + link.group(1) + " has a target");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> names(List<ReportImage> images) {
        return images.stream().map(image -> image.file().getFileName().toString()).collect(Collectors.toSet());
    }

    static String layerOfClass(InspectedModel model, String className) {
        return ModelInternals.spec(model).layers().stream().filter(layer -> layer.className().equals(className))
                .map(LayerSpec::name).findFirst().orElseThrow();
    }

    /** Sine waves of different frequencies per feature and phases per example: a signal with structure. */
    static INDArray sines(int batch, int steps, int features) {
        INDArray x = Nd4j.create(DataType.FLOAT, batch, steps, features);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    x.putScalar(new int[] {b, t, f}, Math.sin(0.3 * t * (f + 1) + b));
                }
            }
        }
        return x;
    }
}
