package org.kinspect.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.file.WeightStore;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * A Keras 2 {@code .h5} with models nested two deep, laid out as a Teachable Machine export: a
 * Sequential holding a Sequential holding a Functional model, whose weights the outer nested
 * model's group names {@code <innermost layer>/<var>:0} without the Functional model's name
 * ({@code tfkeras_zip/make_tfkeras_zips.py}, case nested_two_deep). It was refused as damaged.
 */
class NestedTwoDeepTest {
    private static final Path MODEL = KerasReferenceCheck.resource("/tfkeras_zip/nested_two_deep.h5");
    private static final Path REFERENCE = KerasReferenceCheck.resource("/tfkeras_zip/nested_two_deep_io.h5");

    @Test
    void everyLayerMatchesKeras() {
        assertFalse(KerasReferenceCheck.everyLayerMatches(MODEL, REFERENCE, Map.of()).isEmpty());
        assertEquals(9, InnerActivations.everyInnerLayerMatches(MODEL, REFERENCE));
        assertEquals(List.of(), ModelInternals.imported(InspectedModel.open(MODEL)).provenance().notFromFile());
    }

    @Test
    void weightsAreKeyedThroughEveryModel() {
        WeightStore weights = WeightNaming.read(MODEL).weights();
        assertEquals("/model_weights/sequential_1/Conv1/kernel:0",
                weights.layer("sequential_1/model1/Conv1").orElseThrow().byName().get("kernel").path());
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"), List.copyOf(
                weights.layer("sequential_1/model1/bn_Conv1").orElseThrow().byName().keySet()));
        assertEquals(List.of("kernel", "bias"), List.copyOf(
                weights.layer("sequential_1/bottleneck").orElseThrow().byName().keySet()));
    }
}
