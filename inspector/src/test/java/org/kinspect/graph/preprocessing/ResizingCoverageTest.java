package org.kinspect.graph.preprocessing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * Keras's {@code Resizing}, Keras 3's adaptive pooling layers and the image augmentation layers that
 * pass images through at inference, made by the real Keras 3 (torch
 * backend, {@code src/test/resources/resizing/make_resizing_fixtures.py}, cases listed in its
 * README), as {@code .keras} and as Keras 3 {@code .h5} (where Keras can write it): every layer Keras recorded matches within
 * 1e-5, shape included.
 */
class ResizingCoverageTest {
    static final List<String> CASES = List.of("resizing_channels_last", "resizing_channels_first", "resizing_padded",
            "adaptive_pooling_channels_last", "adaptive_pooling_channels_first", "adaptive_pooling_sequences_first",
            "augmentation_identities");
    /** Cases of layers Keras 3.16 cannot write to .h5 (its saver fails on their configuration). */
    static final List<String> KERAS_ONLY_CASES = List.of("augmentation_identities_keras_only");

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras3() {
        return Stream.concat(
                CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> check(name, extension))),
                KERAS_ONLY_CASES.stream().map(name -> check(name, ".keras")));
    }

    private static DynamicTest check(String name, String extension) {
        return DynamicTest.dynamicTest(name + extension, () -> KerasReferenceCheck.everyLayerMatches(
                fixture(name + extension), fixture(name + "_io.h5"), Map.of()));
    }

    /** Keras versions disagree on what RandomCrop does at inference to images of another size: refused by name. */
    @Test
    void randomCropOfOtherSizesIsRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            var error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("random_crop_smaller" + extension)));
            assertTrue(error.getMessage().matches("[^\\n]*layer 'random_crop' \\(RandomCrop\\)[^\\n]*8x8 cropped to 5x6"
                    + " are not supported[^\\n]*"), error.getMessage());
        }
    }

    /**
     * Bicubic and antialiased resizing differ between Keras's backends (and from ND4J's): refused in
     * one line naming the layer.
     */
    @Test
    void bicubicAndAntialiasedResizingAreRefusedByName() {
        Map<String, String> refusalByCase = Map.of("resizing_bicubic", "layer 'bicubic' \\(Resizing\\)[^\\n]*"
                + "interpolation='bicubic' is not supported", "resizing_antialias", "layer 'antialiased' \\(Resizing\\)"
                + "[^\\n]*antialias=True is not supported");
        refusalByCase.forEach((name, refusal) -> {
            for (String extension : List.of(".keras", ".h5")) {
                var error = assertThrows(KinspectException.class, () -> InspectedModel.open(fixture(name + extension)));
                assertTrue(error.getMessage().matches("[^\\n]*" + refusal + "[^\\n]*"), error.getMessage());
            }
        });
    }

    /**
     * Nothing moves volumes between layouts: a channels_first adaptive 3D pooling of a channels_last
     * layer's volume is refused in one line naming the layer.
     */
    @Test
    void channelsFirstAdaptivePoolingOfChannelsLastVolumesIsRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            var error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("adaptive_pooling_mixed_volume" + extension)));
            assertTrue(error.getMessage().matches("[^\\n]*layer 'avg3d_first' \\(AdaptiveAveragePooling3D\\)[^\\n]*"
                    + "channels_first 3D layers are not supported[^\\n]*"), error.getMessage());
        }
    }

    static Path fixture(String fileName) {
        return KerasReferenceCheck.resource("/resizing/" + fileName);
    }
}
