package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Models of issue 11's layer families made by the real Keras 3
 * ({@code src/test/resources/layers/make_layer_fixtures.py}, cases listed in its README), as
 * {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within 1e-5, shape
 * included.
 */
class LayerCoverageTest {
    static final List<String> CASES = List.of("activation_functions", "dense_activations", "activation_layers",
            "prelu_shared_axes", "softmax_axis", "layer_normalization", "conv2d_transpose", "repeat_vector",
            "depthwise_conv", "separable_conv", "conv1d_transpose",
            "nested_models");

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
     * DL4J imports ZeroPadding1D, Cropping1D, UpSampling1D and bilinear UpSampling2D without
     * complaint and computes them wrongly (Keras gives (2, 5, 3) where DL4J gives (2, 2, 6)); they
     * are refused in one line naming the layer rather than answered wrongly.
     */
    @org.junit.jupiter.api.Test
    void layersDl4jComputesWronglyAreRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            var error = org.junit.jupiter.api.Assertions.assertThrows(org.kinspect.KinspectException.class,
                    () -> org.kinspect.InspectedModel.open(fixture("cropping_padding_upsampling" + extension)));
            org.junit.jupiter.api.Assertions.assertTrue(error.getMessage().matches(
                    "(?s)[^\\n]*layer '[^']+' \\((UpSampling2D|ZeroPadding1D|Cropping1D|UpSampling1D)\\)[^\\n]*"),
                    error.getMessage());
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
