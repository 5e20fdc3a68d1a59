package org.kinspect.keras3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.KerasFile;
import org.kinspect.file.KerasFormat;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.kinspect.weights.WeightNaming;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The Keras 3 fixtures (made by {@code src/test/resources/keras3/make_fixtures.py} with the real
 * Keras 3) and the samples: each model, as {@code .keras} and as Keras 3 {@code .h5}, imported and
 * run on Keras's inputs; every layer Keras recorded must match, shape and values, within 1e-5.
 */
class Keras3FixturesTest {
    static final double TOLERANCE = 1e-5;

    /** Every case of make_fixtures.py (ops other than merges: OperationLayersTest). */
    static final List<String> CASES = List.of("dense_mlp", "dense_functional", "conv1d", "conv2d", "conv2d_global",
            "reshape_permute", "embedding_lstm", "lstm_seq", "gru_reset_after", "gru_reset_before", "simple_rnn",
            "bidirectional_concat", "bidirectional_sum", "bidirectional_mul", "bidirectional_ave",
            "time_distributed", "merges", "masking_lstm", "masking_functional", "lstm_return_state",
            "nested_sequential", "hard_sigmoid", "batchnorm_flags", "masking_inner_padding", "masking_simple_rnn",
            "masking_bidirectional", "masking_bidirectional_last", "masking_dropout_lstm",
            "embedding_mask_zero_lstm", "ops_merges", "ops_layers");

    @TestFactory
    Stream<DynamicTest> everyLayerOfEveryFixtureMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> assertMatchesKeras(fixture(name + extension), fixture(name + "_io.h5")))));
    }

    @TestFactory
    Stream<DynamicTest> samplesMatchKeras3() {
        Path samples = Path.of("../samples/models");
        return Stream.of("sine_lstm", "two_inputs").flatMap(name -> Stream.of(".keras", ".h5").map(extension ->
                DynamicTest.dynamicTest(name + extension, () -> assertMatchesKeras(samples.resolve(name + extension),
                        samples.resolve(name + "_io.h5")))));
    }

    /** A mask handed on through a layer that changes the values (an Activation) is still Keras's. */
    @Test
    void aMaskHandedOnThroughAnActivationMatchesKeras() {
        for (String extension : List.of(".keras", ".h5")) {
            assertMatchesKeras(fixture("masking_activation_lstm" + extension), fixture("masking_activation_lstm_io.h5"));
        }
    }

    @Test
    void theFormatAndKerasVersionAreTheFilesOwn() {
        var zip = WeightNaming.read(fixture("lstm_seq.keras"));
        assertEquals(KerasFormat.KERAS_ZIP, zip.format());
        assertEquals("3.16.0", zip.kerasVersion());
        var hdf5 = WeightNaming.read(fixture("lstm_seq.h5"));
        assertEquals(KerasFormat.HDF5_MODEL, hdf5.format());
        assertEquals("3.16.0", hdf5.kerasVersion());
        assertEquals("torch", hdf5.backend());
    }

    @Test
    void zipWeightsGetKeras2NamesAndTheUsersLayerNames() {
        var weights = WeightNaming.read(fixture("bidirectional_concat.keras")).weights();
        var bidi = weights.layer("bidi").orElseThrow().byName();
        assertEquals(List.of("forward_kernel", "forward_recurrent_kernel", "forward_bias", "backward_kernel",
                "backward_recurrent_kernel", "backward_bias"), List.copyOf(bidi.keySet()));
        var conv = WeightNaming.read(fixture("conv2d.keras")).weights();
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                List.copyOf(conv.layer("bn").orElseThrow().byName().keySet()));
        assertEquals(List.of(3L, 3L, 2L, 3L), Arrays.stream(conv.layer("conv").orElseThrow().byName().get("kernel")
                .shape()).boxed().toList());
    }

    @Test
    void zipAndHdf5HoldTheSameWeights() {
        for (String name : CASES) {
            var zip = WeightNaming.read(fixture(name + ".keras")).weights();
            var hdf5 = WeightNaming.read(fixture(name + ".h5")).weights();
            for (var layer : zip.layers().values()) {
                for (var tensor : layer.tensors()) {
                    var same = hdf5.layer(layer.layerName()).map(found -> found.byName().get(tensor.name()));
                    assertTrue(same.isPresent(), name + ": the .h5 has no " + layer.layerName() + "/" + tensor.name());
                    assertEquals(tensor.values(), same.get().values(), name + ": " + layer.layerName() + "/" + tensor.name());
                }
            }
        }
    }

    @Test
    void aKerasFileThatIsReallyHdf5IsReadAsHdf5(@TempDir Path folder) throws Exception {
        Path renamed = folder.resolve("model.keras");
        Files.copy(fixture("dense_functional.h5"), renamed);
        assertEquals(KerasFormat.HDF5_MODEL, KerasFile.open(renamed).format());
        assertMatchesKeras(renamed, fixture("dense_functional_io.h5"));
    }

    /**
     * tf.keras 2.13-2.15 wrote .keras files with Keras 3's zip and serialized objects but Keras 2
     * configurations and no layer names in the weights file. make_fixtures.py imitates them from
     * Keras 3 fixtures (no tf.keras runs here), so the Keras 3 references apply.
     */
    @TestFactory
    Stream<DynamicTest> hybridTfKerasFilesMatchTheModelTheyWereMadeFrom() {
        return Stream.of("lstm_seq", "dense_mlp").map(name -> DynamicTest.dynamicTest(name, () -> {
            Path hybrid = fixture("tfkeras_hybrid_" + name + ".keras");
            assertEquals(2, ModelInternals.spec(InspectedModel.open(hybrid)).kerasMajorVersion());
            assertMatchesKeras(hybrid, fixture(name + "_io.h5"));
            var named = WeightNaming.read(fixture(name + ".keras")).weights();
            var byRule = WeightNaming.read(hybrid).weights();
            assertEquals(named.layers().keySet(), byRule.layers().keySet());
            named.layers().forEach((layer, weights) -> assertEquals(weights.byName().keySet(),
                    byRule.layer(layer).orElseThrow().byName().keySet(), layer));
        }));
    }

    /** Keras 3 versions before 3.16 wrote a Sequential built from a shape without an InputLayer. */
    @Test
    @SuppressWarnings("unchecked")
    void aSequentialSavedWithoutItsInputLayerGetsTheOneKerasBuilds(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("no_input_layer.keras");
        ObjectMapper json = new ObjectMapper();
        try (ZipFile original = new ZipFile(fixture("dense_mlp.keras").toFile());
                ZipOutputStream copy = new ZipOutputStream(Files.newOutputStream(file))) {
            for (ZipEntry entry : java.util.Collections.list(original.entries())) {
                byte[] bytes = original.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("config.json")) {
                    Map<String, Object> model = json.readValue(bytes, Map.class);
                    List<Object> layers = (List<Object>) ((Map<String, Object>) model.get("config")).get("layers");
                    assertEquals("InputLayer", ((Map<String, Object>) layers.remove(0)).get("class_name"));
                    bytes = json.writeValueAsBytes(model);
                }
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        InspectedModel model = InspectedModel.open(file);
        assertEquals(List.of("input_layer"), model.inputNames());
        assertEquals(List.of(-1L, 6L), Arrays.stream(model.expectedInputShape("input_layer")).boxed().toList());
        assertMatchesKeras(file, fixture("dense_mlp_io.h5"));
    }

    static void assertMatchesKeras(Path modelFile, Path referenceFile) {
        InspectedModel model = InspectedModel.open(modelFile);
        KerasReference reference = KerasReference.read(referenceFile);
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        for (String input : model.inputNames()) {
            // A Sequential's implicit input is named differently by different Keras versions.
            INDArray given = reference.inputs().size() == 1 && model.inputNames().size() == 1
                    ? reference.inputs().values().iterator().next() : reference.inputs().get(input);
            assertNotNull(given, modelFile + ": the reference has no input '" + input + "'");
            inputs.put(input, given);
        }
        Map<String, INDArray> ours = model.activations(inputs);
        assertFalse(reference.activations().isEmpty(), "the reference has no activations");
        List<String> failures = new ArrayList<>();
        for (var expected : reference.activations().entrySet()) {
            LayerComparison comparison = LayerComparison.compare(expected.getKey(), ours.get(expected.getKey()),
                    expected.getValue(), TOLERANCE);
            if (!comparison.matches()) {
                failures.add(expected.getKey() + " ours " + Arrays.toString(comparison.ourShape()) + " keras "
                        + Arrays.toString(comparison.kerasShape()) + " max abs error " + comparison.maxAbsoluteError());
            }
        }
        assertTrue(failures.isEmpty(), modelFile.getFileName() + ": " + String.join("; ", failures));
    }

    static Path fixture(String fileName) {
        try {
            var url = Keras3FixturesTest.class.getResource("/keras3/" + fileName);
            assertNotNull(url, "no fixture " + fileName);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
