package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;

/**
 * Models of issue 11's layer families made by the real Keras 3
 * ({@code src/test/resources/layers/make_layer_fixtures.py}, cases listed in its README), as
 * {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within 1e-5, shape
 * included.
 */
class LayerCoverageTest {
    static final List<String> CASES = List.of("activation_functions", "dense_activations", "activation_layers",
            "prelu_shared_axes", "softmax_axis", "layer_normalization", "conv2d_transpose", "repeat_vector",
            "nested_models", "attention", "additive_attention", "multi_head_attention", "multi_head_cross_attention",
            "attention_options", "attention_scores",
            "shared_layers", "shared_nested_model", "shared_recurrent",
            "time_distributed_conv", "time_distributed_images", "time_distributed_sequences",
            "time_distributed_model", "time_distributed_reshaped", "time_distributed_normalized",
            "time_distributed_functional",
            // convolution family
            "depthwise_conv", "separable_conv", "conv1d_transpose", "cropping_padding_upsampling",
            "convolution_options", "reshaping_options", "channels_first_convolutions", "volumes",
            "image_layers_channels_first", "conv_lstm", "conv_lstm_hard_sigmoid", "conv_lstm_channels_first",
            "conv_lstm_bidirectional");

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(fixture(name + extension),
                        fixture(name + "_io.h5"), Map.of()))));
    }

    /**
     * A Conv1D reading one channel (a univariate series): DL4J's kernel comes out [k, 1, filters, 1]
     * for its [filters, 1, k, 1] parameter, reshaped by count, and the numbers are Keras's.
     */
    @TestFactory
    Stream<DynamicTest> aConv1DOnOneChannelMatchesKeras() {
        return Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest("conv1d_one_channel" + extension,
                () -> KerasReferenceCheck.everyLayerMatches(resource("/conv1d/conv1d_one_channel" + extension),
                        resource("/conv1d/conv1d_one_channel_io.h5"), Map.of())));
    }

    /**
     * MultiHeadAttention over a value masked by Embedding(mask_zero=True): the padded value steps
     * (token id 0) are hidden from every query step, as Keras hides them, and the Embedding outputs
     * its table row for every token, id 0 included, as Keras does.
     */
    @TestFactory
    Stream<DynamicTest> multiHeadAttentionOverAMaskedValueMatchesKeras() {
        return Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest("masked_value_attention" + extension,
                () -> KerasReferenceCheck.everyLayerMatches(fixture("masked_value_attention" + extension),
                        fixture("masked_value_attention_io.h5"), Map.of())));
    }

    /**
     * Inputs masked by Embedding(mask_zero=True) whose masked steps Keras still computes: a
     * MultiHeadAttention's masked query (self-attention), and Attention on a masked query and value
     * (a masked query step outputs zeros). Refused while kinspect found masks by content and reported
     * zeros for the Embedding at id 0.
     */
    @TestFactory
    Stream<DynamicTest> maskedQueriesAndAttentionOnMaskedInputsMatchKeras() {
        return Stream.of("masked_query_attention", "masked_dot_attention").flatMap(name -> Stream.of(".keras", ".h5")
                .map(extension -> DynamicTest.dynamicTest(name + extension, () -> KerasReferenceCheck.everyLayerMatches(
                        fixture(name + extension), fixture(name + "_io.h5"), Map.of()))));
    }

    /**
     * A masked value two MultiHeadAttention layers read, of which Keras 3 masks the first only (it
     * clears the mask), is refused in one line naming the layer.
     */
    @org.junit.jupiter.api.Test
    void aMaskedValueReadByTwoAttentionLayersIsRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            var shared = org.junit.jupiter.api.Assertions.assertThrows(org.kinspect.errors.KinspectException.class,
                    () -> org.kinspect.InspectedModel.open(fixture("masked_shared_value_attention" + extension)));
            org.junit.jupiter.api.Assertions.assertTrue(shared.getMessage().matches(
                    "[^\\n]*layer 'first' \\(MultiHeadAttention\\)[^\\n]*read by attention layer\\(s\\) second[^\\n]*"),
                    shared.getMessage());
        }
    }

    /**
     * Attention options kinspect does not compute are refused in one line naming the layer and the
     * option: MultiHeadAttention's gate (read by its mapper). (The attention scores as a second
     * output, {@code attention_scores}, are computed: they are checked in {@link #CASES}.)
     */
    @org.junit.jupiter.api.Test
    void attentionOptionsNotComputedAreRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            var gate = org.junit.jupiter.api.Assertions.assertThrows(org.kinspect.errors.KinspectException.class,
                    () -> org.kinspect.InspectedModel.open(fixture("multi_head_gate" + extension)));
            org.junit.jupiter.api.Assertions.assertTrue(gate.getMessage().matches(
                    "[^\\n]*layer 'gated' \\(MultiHeadAttention\\)[^\\n]*use_gate=true[^\\n]*"), gate.getMessage());
        }
    }

    /**
     * Attention is computed per example whatever the batch: each example of the fixtures' batch of
     * two, run alone, gives Keras's numbers for it (folded sequences after a Dense included).
     */
    @TestFactory
    Stream<DynamicTest> attentionOfOneExampleMatchesKeras() {
        return Stream.of("attention", "additive_attention", "multi_head_attention", "multi_head_cross_attention")
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    var inspected = org.kinspect.InspectedModel.open(fixture(name + ".keras"));
                    var reference = org.kinspect.inspect.KerasReference.read(fixture(name + "_io.h5"));
                    for (long example = 0; example < 2; example++) {
                        var one = org.nd4j.linalg.indexing.NDArrayIndex.interval(example, example + 1);
                        Map<String, org.nd4j.linalg.api.ndarray.INDArray> inputs = new java.util.LinkedHashMap<>();
                        reference.inputs().forEach((input, values) -> inputs.put(input, values.get(one).dup()));
                        var ours = inspected.activations(inputs);
                        for (var expected : reference.activations().entrySet()) {
                            var comparison = org.kinspect.inspect.LayerComparison.compare(expected.getKey(),
                                    ours.get(expected.getKey()), expected.getValue().get(one).dup(),
                                    KerasReferenceCheck.TOLERANCE);
                            org.junit.jupiter.api.Assertions.assertTrue(comparison.matches(), name + " example "
                                    + example + ": " + expected.getKey() + " max abs error "
                                    + comparison.maxAbsoluteError());
                        }
                    }
                }));
    }

    static Path resource(String path) {
        return KerasReferenceCheck.resource(path);
    }

    /**
     * ZeroPadding1D, Cropping1D, UpSampling1D and bilinear UpSampling2D, which DL4J imports without
     * complaint but computes wrongly (Keras gives (2, 5, 3) where DL4J gives (2, 2, 6)), are
     * computed by kinspect's own layers: every one of them matches Keras, shape included.
     */
    @TestFactory
    Stream<DynamicTest> layersDl4jComputesWronglyMatchKeras() {
        Map<String, List<String>> layersByCase = Map.of(
                "cropping_padding_upsampling", List.of("pad1d", "crop1d", "up1d", "up2d_bilinear"),
                "reshaping_options", List.of("pad1d_both", "crop1d_start", "crop1d_both", "up1d_default",
                        "bilinear_3x2", "bilinear_cf"));
        return layersByCase.entrySet().stream().flatMap(entry -> Stream.of(".keras", ".h5").map(extension ->
                DynamicTest.dynamicTest(entry.getKey() + extension, () -> {
                    var compared = KerasReferenceCheck.everyLayerMatches(fixture(entry.getKey() + extension),
                            fixture(entry.getKey() + "_io.h5"), Map.of());
                    for (String layer : entry.getValue()) {
                        assertTrue(compared.containsKey(layer) && compared.get(layer).matches(), layer);
                    }
                })));
    }

    /**
     * A channels_first Conv3D: DL4J describes its output (valid padding) as channels_last and the
     * layers after it read it so. It is refused in one line naming the layer.
     */
    @Test
    void channelsFirstVolumesAreRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            var error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("volumes_channels_first" + extension)));
            assertTrue(error.getMessage().matches(
                    "[^\\n]*layer 'conv3d_cf' \\(Conv3D\\)[^\\n]*channels_first[^\\n]*"), error.getMessage());
        }
    }

    /**
     * Conv2DTranspose with output_padding (DL4J ignores it) or a kernel shorter than its stride
     * with valid padding (DL4J gives fewer rows): refused, naming the layer, each on its own.
     */
    @Test
    void transposedConvolutionsDl4jSizesWronglyAreRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            var error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("transpose_options" + extension)));
            assertTrue(error.getMessage().matches(
                    "[^\\n]*layer '(short_kernel|output_padding)' \\(Conv2DTranspose\\)[^\\n]*"), error.getMessage());
        }
    }

    static Path fixture(String fileName) {
        try {
            var url = LayerCoverageTest.class.getResource("/layers/" + fileName);
            assertNotNull(url, "no fixture " + fileName);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
