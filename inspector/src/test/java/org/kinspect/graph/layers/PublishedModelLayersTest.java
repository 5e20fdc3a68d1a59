package org.kinspect.graph.layers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 16's classes of published model (items 6-8), made by the real Keras 3
 * ({@code src/test/resources/tfkeras_layers/make_tfkeras_layer_fixtures.py}, cases listed in its
 * README), as {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within
 * 1e-5, shape included.
 */
class PublishedModelLayersTest {
    static final List<String> CASES = List.of("identity_permute");

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(fixture(name + extension),
                        fixture(name + "_io.h5"), Map.of()))));
    }

    static Path fixture(String fileName) {
        return KerasReferenceCheck.resource("/tfkeras_layers/" + fileName);
    }
}
