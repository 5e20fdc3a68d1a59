package org.kinspect.shape;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * The models of issue 15 whose intermediate layers kinspect once showed in shapes Keras does not
 * give ({@code src/test/resources/shapes/make_shape_fixtures.py}), as {@code .keras} and as Keras 3
 * {@code .h5}: every layer Keras recorded matches within 1e-5, shape included.
 */
class ShapeFixturesTest {
    static final List<String> CASES = List.of("conv1d_global_pooling_dense", "attention_global_pooling_dense",
            "global_pooling_dense_one", "reshape_permute_activation", "open_image_size", "bidirectional_sequence");

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(
                        KerasReferenceCheck.resource("/shapes/" + name + extension),
                        KerasReferenceCheck.resource("/shapes/" + name + "_io.h5"), Map.of()))));
    }
}
