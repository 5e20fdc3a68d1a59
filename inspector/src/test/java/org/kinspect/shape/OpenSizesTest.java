package org.kinspect.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.kinspect.inspect.ModelSummary;
import org.kinspect.inspect.memory.Dl4jMemoryEstimator;
import org.kinspect.inspect.memory.LayerMemory;
import org.kinspect.inspect.memory.MemoryOptions;
import org.kinspect.inspect.memory.MemoryPlan;

/**
 * {@code summary} and {@code memory} take their shapes from the shape model: an image of open size
 * ({@code Input((None, None, 3))}) is shown with {@code None}, never 0 or a negative size, and its
 * memory is counted once its size is given; a Bidirectional layer over {@code (None, 60, 23)} is
 * {@code (None, 60, 64)} and counted. Expected sizes are worked out by Keras's rules in the comments.
 */
class OpenSizesTest {

    private static InspectedModel open(String name) {
        return InspectedModel.open(KerasReferenceCheck.resource("/shapes/" + name + ".keras"));
    }

    private static List<Long> shapeOf(ModelSummary summary, String layer) {
        return summary.layers().stream().filter(row -> row.name().equals(layer)).findFirst().orElseThrow().outputShape();
    }

    private static LayerMemory memoryOf(MemoryPlan plan, String layer) {
        return plan.layers().stream().filter(row -> row.name().equals(layer)).findFirst().orElseThrow();
    }

    @Test
    void anOpenImageSizeIsNoneInTheSummaryNeverZeroOrNegative() {
        ModelSummary summary = open("open_image_size").summary();
        assertEquals(Arrays.asList(null, null, null, 3L), shapeOf(summary, "image"));
        assertEquals(Arrays.asList(null, null, null, 4L), shapeOf(summary, "conv_1"));
        assertEquals(Arrays.asList(null, null, null, 6L), shapeOf(summary, "norm"));
        assertEquals(Arrays.asList(null, 6L), shapeOf(summary, "global"));
        for (ModelSummary.Row row : summary.layers()) {
            assertTrue(row.outputShape().stream().allMatch(size -> size == null || size > 0), row.toString());
        }
    }

    @Test
    void memorySaysWhichInputsTheTotalsNeedAndCountsThemOnceGiven() {
        InspectedModel model = open("open_image_size");
        MemoryPlan open = model.memoryPlan(MemoryOptions.of(2));
        assertFalse(open.complete());
        assertEquals(List.of("image"), open.inputsOfOpenSize().stream().map(LayerMemory::name).toList());
        assertEquals(List.of("image", "conv_1", "pool", "conv_2", "norm"), open.layersOfUnknownSize());
        assertEquals(6L, memoryOf(open, "global").valuesPerExample()); // known whatever the image size
        assertFalse(Dl4jMemoryEstimator.estimate(ModelInternals.imported(model), MemoryOptions.of(2)).available());

        Map<String, KerasShape> image = Map.of("image", KerasShape.of(null, 32L, 32L, 3L));
        MemoryPlan given = model.memoryPlan(MemoryOptions.of(2), image);
        assertTrue(given.complete(), given.layersOfUnknownSize().toString());
        // 3x3 valid: 30x30x4 = 3600; max pooling 2: 15x15x4 = 900; 3x3 same: 15x15x6 = 1350, as the norm.
        assertEquals(3072L, memoryOf(given, "image").valuesPerExample());
        assertEquals(3600L, memoryOf(given, "conv_1").valuesPerExample());
        assertEquals(900L, memoryOf(given, "pool").valuesPerExample());
        assertEquals(1350L, memoryOf(given, "conv_2").valuesPerExample());
        assertEquals(1350L * 2 * 4, memoryOf(given, "norm").activationBytes());
        assertEquals(Arrays.asList(null, 15L, 15L, 6L), shapeOf(model.summary(image), "conv_2"));
        assertTrue(Dl4jMemoryEstimator.estimate(ModelInternals.imported(model), MemoryOptions.of(2), image).available());
    }

    @Test
    void aGivenShapeMustFitTheInput() {
        InspectedModel model = open("open_image_size");
        KinspectException wrongChannels = assertThrows(KinspectException.class,
                () -> model.memoryPlan(MemoryOptions.of(2), Map.of("image", KerasShape.of(null, 32L, 32L, 4L))));
        assertEquals(KinspectException.Problem.INPUT, wrongChannels.problem());
        assertTrue(wrongChannels.getMessage().contains("(None, None, None, 3)"), wrongChannels.getMessage());
        KinspectException noSuchInput = assertThrows(KinspectException.class,
                () -> model.memoryPlan(MemoryOptions.of(2), Map.of("picture", KerasShape.of(null, 32L, 32L, 3L))));
        assertTrue(noSuchInput.getMessage().contains("its inputs are image"), noSuchInput.getMessage());
    }

    @Test
    void aBidirectionalLayerOverAFixedLengthIsShownAndCounted() {
        InspectedModel model = open("bidirectional_sequence");
        assertEquals(Arrays.asList(null, 60L, 64L), shapeOf(model.summary(), "bidirectional"));
        MemoryPlan plan = model.memoryPlan(MemoryOptions.of(2));
        assertTrue(plan.complete(), plan.layersOfUnknownSize().toString());
        assertEquals(60L * 64, memoryOf(plan, "bidirectional").valuesPerExample());
        assertEquals(60L * 8, memoryOf(plan, "dense").valuesPerExample());
    }
}
