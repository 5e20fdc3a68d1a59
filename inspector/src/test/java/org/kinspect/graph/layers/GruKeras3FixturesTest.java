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
 * GRU models made by the real Keras 3 ({@code src/test/resources/gru/make_gru_fixtures.py}), as
 * {@code .keras} and as Keras 3 {@code .h5}: every layer Keras recorded matches within 1e-5.
 */
class GruKeras3FixturesTest {
    static final List<String> CASES = List.of("gru_stack", "gru_backwards", "gru_activations", "gru_masking",
            "gru_masking_backwards", "gru_masking_value", "bidirectional_gru_concat", "bidirectional_gru_sum", "bidirectional_gru_mul",
            "bidirectional_gru_ave", "bidirectional_gru_last", "bidirectional_gru_masking",
            "bidirectional_gru_masking_last", "embedding_mask_zero_gru");

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(fixture(name + extension),
                        fixture(name + "_io.h5"), Map.of()))));
    }

    static Path fixture(String fileName) {
        try {
            var url = GruKeras3FixturesTest.class.getResource("/gru/" + fileName);
            assertNotNull(url, "no fixture " + fileName);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
