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
import org.kinspect.KinspectException;

/**
 * Models of issue 11's layer families made by the real Keras 3
 * ({@code src/test/resources/layers/make_layer_fixtures.py}, cases listed in its README), as
 * {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within 1e-5, shape
 * included.
 */
class LayerCoverageTest {
    static final List<String> CASES = List.of("activation_functions", "dense_activations", "activation_layers",
            "prelu_shared_axes", "softmax_axis", "layer_normalization", "conv2d_transpose", "repeat_vector",
            "nested_models",
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

    static Path resource(String path) {
        try {
            return Path.of(LayerCoverageTest.class.getResource(path).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + path, e);
        }
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
