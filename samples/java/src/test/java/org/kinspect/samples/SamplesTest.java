package org.kinspect.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each sample runs on the sample models and prints what its Javadoc promises. */
class SamplesTest {
    static final Path MODELS = Path.of(System.getProperty("kinspect.samples", "../models"));

    @Test
    void recurrentSampleShowsEveryLstmUnitOverTime() {
        String printed = run(() -> RecurrentLayerOutputs.main(new String[] {MODELS.toString()}));
        assertTrue(printed.contains("lstm_1 output shape [4, 20, 8]"), printed);
        for (int unit = 0; unit < 8; unit++) {
            assertTrue(printed.contains("unit " + unit + ":"), printed);
        }
        assertTrue(printed.contains("class probabilities"), printed);
    }

    @Test
    void whatChangedSampleFindsTheFirstDivergentLayerAndMergesExactly() {
        String printed = run(() -> WhatChanged.main(new String[] {MODELS.toString()}));
        assertTrue(printed.contains("first divergent layer: lstm_1"), printed);
        assertTrue(printed.contains("most shifted layer: lstm_2"), printed);
        assertTrue(printed.contains("merged partitions equal one pass: true"), printed);
    }

    @Test
    void attributionSampleShowsEveryStepAndACompleteIntegration() {
        String printed = run(() -> AttributionOverTime.main(new String[] {MODELS.toString()}));
        List<String> checks = printed.lines().filter(line -> line.startsWith("signal ")).toList();
        assertEquals(4, checks.size(), printed);
        for (String check : checks) {
            double gap = Double.parseDouble(check.substring(check.lastIndexOf("gap ") + 4, check.lastIndexOf('%')));
            assertTrue(gap < 1.0, check);
        }
        List<String> steps = printed.lines().filter(line -> line.startsWith("  per step:")).toList();
        assertEquals(4, steps.size(), printed);
        steps.forEach(line -> assertEquals(20, line.substring("  per step:".length()).trim().split(" +").length, line));
    }

    @Test
    void multiInputSampleReadsLayersByKerasName() {
        String printed = run(() -> MultiInputLayerOutputs.main(new String[] {MODELS.toString()}));
        assertTrue(printed.contains("conv feature maps [2, 6, 6, 4]"), printed);
        assertTrue(printed.contains("conv kernel [3, 3, 1, 4]"), printed);
        assertTrue(printed.lines().anyMatch(line -> line.startsWith("out ")), printed);
    }

    @Test
    void multiOutputSamplePrintsEachOutputAsKerasComputedIt() {
        String printed = run(() -> MultiOutputLayerOutputs.main(new String[] {MODELS.toString()}));
        KerasReference reference = KerasReference.read(MODELS.resolve("siamese_heads_io.h5"));
        for (String output : List.of("same", "distance")) {
            String line = printed.lines().filter(row -> row.startsWith("output " + output + " [3, 1]: "))
                    .findFirst().orElseThrow(() -> new AssertionError(printed));
            String[] values = line.substring(line.indexOf('[', line.indexOf(':')) + 1, line.lastIndexOf(']'))
                    .split(", ");
            INDArray ours = Nd4j.createFromArray(Arrays.stream(values).map(Float::valueOf).toArray(Float[]::new))
                    .reshape(3, 1);
            LayerComparison comparison = LayerComparison.compare(output, ours,
                    reference.activations().get(output), 1e-5);
            assertTrue(comparison.matches(), output + " max abs error " + comparison.maxAbsoluteError());
        }
    }

    @Test
    void nestedModelSampleNamesBothCallsAndListsWeightsOnce() {
        String printed = run(() -> NestedModelLayerOutputs.main(new String[] {MODELS.toString()}));
        assertTrue(printed.contains("encoder/enc_code [3, 4] for left, encoder@1/enc_code [3, 4] for right"), printed);
        assertTrue(printed.contains("difference = left code - right code: true"), printed);
        assertTrue(printed.contains("encoder/enc_hidden kernel [6, 8]"), printed);
        assertTrue(printed.contains("weights of encoder@1/enc_hidden: 0 (shared with the first call)"), printed);
    }

    @Test
    void customObjectsSamplePrintsWhatKerasComputed() {
        String printed = run(() -> CustomObjectsSample.main(new String[] {MODELS.toString()}));
        // The custom layer's output, as printed, against Keras's own (the file, not the sample's right column).
        KerasReference layerReference = KerasReference.read(MODELS.resolve("custom_layer_io.h5"));
        assertPrintedMatch(printed, "scale_shift", layerReference.activations().get("scale_shift"));
        // The re-initialised model's output against Keras's untrained model: the initializer reproduced its weights.
        KerasReference initializerReference = KerasReference.read(MODELS.resolve("custom_initializer_io.h5"));
        assertPrintedMatch(printed, "dense", initializerReference.activations().get("dense"));
        assertTrue(printed.contains("reinitialized(42), warnings: []"), printed);
        List<String> redrawn = printed.lines().filter(line -> line.contains("max |redrawn - stored|")).toList();
        assertEquals(5, redrawn.size(), printed); // lstm kernel, recurrent kernel, bias; dense kernel, bias
        redrawn.forEach(line -> assertTrue(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) < 1e-7, line));
        assertTrue(printed.contains("lstm.") && printed.contains("0.020000 0.040000 0.060000"), printed);
    }

    /** The rows printed as {@code  layer[i] ours... | keras...} (ours only) compared with Keras's reference values. */
    private static void assertPrintedMatch(String printed, String layer, INDArray keras) {
        List<float[]> rows = printed.lines().filter(line -> line.startsWith("  " + layer + "["))
                .map(line -> line.substring(line.indexOf(']') + 1, line.indexOf('|')).trim().split(" "))
                .map(values -> {
                    float[] row = new float[values.length];
                    for (int i = 0; i < values.length; i++) {
                        row[i] = Float.parseFloat(values[i]);
                    }
                    return row;
                }).toList();
        assertEquals(keras.rows(), rows.size(), printed);
        INDArray ours = Nd4j.createFromArray(rows.toArray(new float[0][]));
        LayerComparison comparison = LayerComparison.compare(layer, ours, keras, 2e-6); // printed with 6 decimals
        assertTrue(comparison.matches(), layer + " max abs error " + comparison.maxAbsoluteError() + "\n" + printed
                + Arrays.toString(keras.shape()));
    }

    @Test
    void theReadmeJavaProgramIsTheQuickStartSampleAndPrintsWhatTheReadmeShows() throws IOException {
        Path root = MODELS.toAbsolutePath().normalize().getParent().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## The Java API"));
        String block = section.substring(section.indexOf("```java\n") + "```java\n".length());
        block = block.substring(0, block.indexOf("```"));
        String sample = Files.readString(root.resolve("samples/java/src/main/java/org/kinspect/samples/QuickStart.java"));
        // the file is the README's program with its package line: it compiles as written, imports included
        assertEquals("package org.kinspect.samples;\n\n" + block, sample);

        String printed = run(() -> QuickStart.main(new String[] {MODELS.toString()}));
        String shown = section.substring(section.indexOf("prints\n\n```\n") + "prints\n\n```\n".length());
        shown = shown.substring(0, shown.indexOf("```"));
        assertEquals(shown.strip(), printed.strip().replace("\r\n", "\n"), "the README shows what it prints");
        assertTrue(printed.startsWith("layer    class       output shape   parameters  reads\n"), printed);
        assertTrue(printed.contains("lstm_1   LSTM        (None, 20, 8)         352  signal"), printed);
    }

    @Test
    void theSamplesJarIsAPluginForTheCustomLayerModel() {
        // what --plugin does with the samples' jar: find the plugins it lists, then import
        org.kinspect.custom.CustomObjects custom = org.kinspect.custom.CustomObjects.fromPlugins(SamplePlugin.class.getClassLoader());
        org.kinspect.InspectedModel model = org.kinspect.InspectedModel.open(MODELS.resolve("custom_layer.keras"),
                org.kinspect.ImportOptions.defaults().withCustomObjects(custom).withStrict(true));
        KerasReference reference = KerasReference.read(MODELS.resolve("custom_layer_io.h5"));
        INDArray ours = model.activations(reference.inputs()).get("scale_shift");
        LayerComparison comparison = LayerComparison.compare("scale_shift", ours,
                reference.activations().get("scale_shift"), 1e-5);
        assertTrue(comparison.matches(), "max abs error " + comparison.maxAbsoluteError());
        // and the initializer: the untrained model re-initialised from it gives Keras's numbers
        org.kinspect.InspectedModel untrained = org.kinspect.InspectedModel.open(
                MODELS.resolve("custom_initializer.keras"),
                org.kinspect.ImportOptions.defaults().withCustomObjects(custom).withStrict(true)).reinitialized(42);
        KerasReference initializerReference = KerasReference.read(MODELS.resolve("custom_initializer_io.h5"));
        INDArray dense = untrained.activations(initializerReference.inputs()).get("dense");
        assertTrue(LayerComparison.compare("dense", dense, initializerReference.activations().get("dense"), 1e-5).matches());
    }

    static String run(Runnable sample) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            sample.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
