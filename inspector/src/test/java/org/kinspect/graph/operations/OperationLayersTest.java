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
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * Keras 3 models built from {@code keras.ops} calls, made by the real Keras 3
 * ({@code src/test/resources/ops/make_ops_fixtures.py}, cases listed in its README), as
 * {@code .keras} and as Keras 3 {@code .h5}: every layer and every op result Keras recorded matches
 * within 1e-5, shape included.
 */
class OperationLayersTest {
    static final List<String> CASES = List.of("elementwise_constants", "broadcasting", "comparisons",
            "unary_functions", "shape_operations", "reductions", "matmul", "image_operations", "sequence_operations",
            "tf_op_lambda", "tf_op_folded", "more_functions", "tf_graph_ops");

    @TestFactory
    Stream<DynamicTest> everyOperationMatchesKeras3() {
        return CASES.stream().flatMap(name -> Stream.of(".keras", ".h5").map(extension -> DynamicTest.dynamicTest(
                name + extension, () -> KerasReferenceCheck.everyLayerMatches(fixture(name + extension),
                        fixture(name + "_io.h5"), Map.of()))));
    }

    /** The model summary gives every layer and op the output shape Keras computed, ops.sum to (batch,) included. */
    @TestFactory
    Stream<DynamicTest> summaryShapesAreKeras() {
        return CASES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            var summary = InspectedModel.open(fixture(name + ".keras")).summary();
            var reference = org.kinspect.inspect.KerasReference.read(fixture(name + "_io.h5"));
            for (var row : summary.layers()) {
                var expected = reference.activations().get(row.name());
                if (expected == null) {
                    continue;
                }
                List<Long> shape = new java.util.ArrayList<>(row.outputShape());
                shape.set(0, expected.size(0));
                assertEquals(java.util.Arrays.toString(expected.shape()), shape.toString(), name + " " + row.name());
            }
        }));
    }

    /**
     * The same ops as tf.keras saves them ({@code TFOpLambda}, {@code SlicingOpLambda} in 2.4-2.15,
     * {@code TensorFlowOpLayer} in 2.2-2.3), in files imitating tf.keras's (none runs here; see
     * make_ops_fixtures.py), with the Keras 3 model's weights: the same numbers as Keras 3's.
     */
    @TestFactory
    Stream<DynamicTest> tfKerasOpLayersMatchKeras() {
        return Stream.of("tf_op_lambda", "tf_op_folded", "more_functions", "tf_graph_ops").map(name -> DynamicTest.dynamicTest(name + "_tfkeras.h5",
                () -> KerasReferenceCheck.everyLayerMatches(fixture(name + "_tfkeras.h5"), fixture(name + "_io.h5"),
                        Map.of())));
    }

    /**
     * Keras's layout of a channels_first layer's output is not the one DL4J's type describes, so an
     * op on it is refused rather than computed along the wrong axes.
     */
    @Test
    void anOpInAChannelsFirstModelIsRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            KinspectException error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("channels_first_op" + extension)));
            assertEquals(KinspectException.Problem.UNSUPPORTED, error.problem(), error.getMessage());
            assertTrue(error.getMessage().matches("[^\\n]*unsupported op tanh on a tensor of rank 4 in a model with"
                    + " channels_first layers in layer 'tanh' \\(Tanh\\)[^\\n]*"), error.getMessage());
        }
    }

    /** An op kinspect does not compute is refused in one line naming the op, the layer and its class. */
    @Test
    void anUnsupportedOpIsRefusedByName() {
        for (String extension : List.of(".keras", ".h5")) {
            KinspectException error = assertThrows(KinspectException.class,
                    () -> InspectedModel.open(fixture("unsupported_op" + extension)));
            assertEquals(KinspectException.Problem.UNSUPPORTED, error.problem(), error.getMessage());
            assertTrue(error.getMessage().matches("[^\\n]*unsupported op Cumsum in layer 'cumsum' \\(Cumsum\\)[^\\n]*"),
                    error.getMessage());
        }
    }

    static Path fixture(String fileName) {
        return KerasReferenceCheck.resource("/ops/" + fileName);
    }
}
