package org.kinspect.graph.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Keras 3 models built from {@code keras.ops} calls, made by the real Keras 3
 * ({@code src/test/resources/ops/make_ops_fixtures.py}, cases listed in its README), as
 * {@code .keras} and as Keras 3 {@code .h5}: every layer and every op result Keras recorded matches
 * within 1e-5, shape included.
 */
class OperationLayersTest {
    static final List<String> CASES = List.of("elementwise_constants", "broadcasting", "comparisons",
            "unary_functions", "shape_operations", "reductions", "matmul", "image_operations", "sequence_operations");

    @TestFactory
    Stream<DynamicTest> everyOperationMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(fixture(name + extension),
                        fixture(name + "_io.h5"), Map.of()))));
    }

    /** An op kinspect does not compute is refused in one line naming the op, the layer and its class. */
    @Test
    void anUnsupportedOpIsRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            KinspectException error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("unsupported_op" + extension)));
            assertEquals(KinspectException.Problem.UNSUPPORTED, error.problem());
            assertTrue(error.getMessage().matches("[^\\n]*unsupported op Cumsum in layer 'cumsum' \\(Cumsum\\)[^\\n]*"),
                    error.getMessage());
        }
    }

    static Path fixture(String fileName) {
        return KerasReferenceCheck.resource("/ops/" + fileName);
    }
}
