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
import org.kinspect.KinspectException;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * Keras's {@code Resizing} and Keras 3's adaptive pooling layers, made by the real Keras 3 (torch
 * backend, {@code src/test/resources/resizing/make_resizing_fixtures.py}, cases listed in its
 * README), as {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within
 * 1e-5, shape included.
 */
class ResizingCoverageTest {
    static final List<String> CASES = List.of("resizing_channels_last", "resizing_channels_first", "resizing_padded",
            "adaptive_pooling_channels_last", "adaptive_pooling_channels_first", "adaptive_pooling_sequences_first");

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(fixture(name + extension),
                        fixture(name + "_io.h5"), Map.of()))));
    }

    /** Bicubic resizing differs between Keras's backends and from ND4J's: refused in one line naming the layer. */
    @Test
    void bicubicResizingIsRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            var error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("resizing_bicubic" + extension)));
            assertTrue(error.getMessage().matches("[^\\n]*layer 'bicubic' \\(Resizing\\)[^\\n]*interpolation='bicubic'"
                    + " is not supported[^\\n]*"), error.getMessage());
        }
    }

    static Path fixture(String fileName) {
        return KerasReferenceCheck.resource("/resizing/" + fileName);
    }
}
