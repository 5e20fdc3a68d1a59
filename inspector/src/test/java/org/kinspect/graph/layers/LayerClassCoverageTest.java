package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;

/**
 * The layer classes no other fixture holds (pooling variants, volumes, layers that pass their
 * input through at inference, Dot, normalisation and preprocessing layers, EinsumDense), made by the
 * real Keras 3 ({@code src/test/resources/coverage/make_coverage_fixtures.py}, cases listed in its
 * README), as {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within
 * 1e-5, shape included. They back the README's layer coverage table.
 */
class LayerClassCoverageTest {
    static final List<String> CASES = List.of("pooling_1d_2d", "volumes", "inference_identities", "dot_and_average",
            "normalization_family", "einsum_dense", "dense_on_sequences", "augmentation_at_inference", "concatenate_axes");

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(fixture(name + extension),
                        fixture(name + "_io.h5"), Map.of()))));
    }

    /**
     * DL4J pads, crops and upsamples channels_first volumes over the wrong axes (Keras gives
     * (2, 2, 6, 5, 8) where DL4J gives (2, 4, 4, 7, 6)), and its transposed 3D convolution gives
     * other numbers than Keras's; they are refused in one line naming the layer.
     */
    @Test
    void layersDl4jComputesWronglyAreRefusedByName() {
        Map<String, String> refusedClassByCase = Map.of("volume_resizing", "ZeroPadding3D|Cropping3D|UpSampling3D",
                "conv3d_transpose", "Conv3DTranspose");
        refusedClassByCase.forEach((name, classes) -> {
            for (String extension : List.of(".keras", ".h5")) {
                var error = assertThrows(KinspectException.class, () -> InspectedModel.open(fixture(name + extension)));
                assertTrue(error.getMessage().matches("(?s)[^\\n]*layer '[^']+' \\((" + classes + ")\\)[^\\n]*"),
                        error.getMessage());
            }
        });
    }

    static java.nio.file.Path fixture(String fileName) {
        return KerasReferenceCheck.resource("/coverage/" + fileName);
    }
}
