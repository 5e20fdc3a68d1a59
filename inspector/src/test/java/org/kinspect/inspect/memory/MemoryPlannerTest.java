package org.kinspect.inspect.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.errors.KinspectException;

/**
 * The memory planner on models built with the real Keras 3 (made by
 * {@code src/test/resources/memory/make_memory_fixtures.py}). Every expected number is worked out
 * by hand in the comments, from the issue's text and the layers' definitions, never from the
 * planner's own output.
 */
class MemoryPlannerTest {
    private static InspectedModel workedExample;

    @BeforeAll
    static void openWorkedExample() {
        workedExample = InspectedModel.openConfig(fixture("worked_example.json"));
    }

    /**
     * Issue 8's worked example: a 50x50x3 input, Conv2D 32 (same) -> 2x2 max-pool -> Conv2D 64 (same)
     * -> 2x2 max-pool -> (Flatten) -> Dense 500 -> Dense 10, float32, batch 64.
     */
    @Test
    void workedExampleFromTheIssue() {
        MemoryPlan plan = workedExample.memoryPlan(MemoryOptions.of(64));

        // Per image: 50*50*3 = 7,500; 50*50*32 = 80,000; 25*25*32 = 20,000; 25*25*64 = 40,000;
        // floor(25/2) = 12, 12*12*64 = 9,216 (and the same 9,216 flattened); 500; 10.
        assertEquals(List.of("input_layer", "conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten",
                "dense", "dense_1"), plan.layers().stream().map(LayerMemory::name).toList());
        assertEquals(List.of(7_500L, 80_000L, 20_000L, 40_000L, 9_216L, 9_216L, 500L, 10L),
                plan.layers().stream().map(LayerMemory::valuesPerExample).toList());
        assertEquals(List.of(50L, 50L, 32L), plan.layers().get(1).outputShape());
        assertEquals(List.of(12L, 12L, 64L), plan.layers().get(4).outputShape());
        // For a batch of 64 (the issue's numbers): 480,000, 5,120,000, 1,280,000, 2,560,000,
        // 589,824, (589,824), 32,000 and 640 values; 4 bytes each.
        long[] batchValues = {480_000, 5_120_000, 1_280_000, 2_560_000, 589_824, 589_824, 32_000, 640};
        assertEquals(Arrays.stream(batchValues).map(values -> values * 4).boxed().toList(),
                plan.layers().stream().map(LayerMemory::activationBytes).toList());
        // The Flatten only relabels the axes of max_pooling2d_1's output: no memory of its own.
        assertEquals("max_pooling2d_1", plan.layers().get(5).viewOf());
        assertEquals(0, plan.layers().get(5).ownBytes(true));

        // Parameters: 3*3*3*32 + 32 = 896; 3*3*32*64 + 64 = 18,496; 9,216*500 + 500 = 4,608,500;
        // 500*10 + 10 = 5,010. Total 4,632,902 (what Keras's count_params() said), all trainable.
        assertEquals(List.of(0L, 896L, 0L, 18_496L, 0L, 0L, 4_608_500L, 5_010L),
                plan.layers().stream().map(LayerMemory::parameters).toList());
        assertEquals(4_632_902, plan.parameters());
        assertEquals(4_632_902, plan.trainableParameters());

        // All activations: 480,000 + 5,120,000 + 1,280,000 + 2,560,000 + 589,824 + 32,000 + 640
        // = 10,062,464 values ("about 10 M values"), * 4 = 40,249,856 bytes ("about 40 MB").
        assertEquals(40_249_856, plan.training().activationBytes());

        // Inference, one layer after the other, each output freed after its reader has run: the
        // largest pair alive at once is conv2d's output and max_pooling2d's output,
        // (80,000 + 20,000) * 64 * 4 = 25,600,000 bytes (input+conv2d is 87,500, conv2d_1 with its
        // input 60,000). Parameters: 4,632,902 * 4 = 18,531,608. Total 44,131,608.
        assertEquals(25_600_000, plan.inference().peak().activationBytes());
        assertEquals("max_pooling2d", plan.inference().peak().atLayer());
        assertEquals(List.of("conv2d", "max_pooling2d"), plan.inference().peak().alive());
        assertEquals(18_531_608, plan.inference().parameterBytes());
        assertEquals(44_131_608, plan.inference().peak().activationBytes() + plan.inference().parameterBytes());

        // Training with Adam: activations 40,249,856; their gradients, but none for the input:
        // 40,249,856 - 480,000 * 4 = 38,329,856; parameters 18,531,608, their gradients 18,531,608
        // and Adam's two moments 2 * 18,531,608 = 37,063,216. Total 152,706,144.
        MemoryPlan.Training training = plan.training();
        assertEquals(38_329_856, training.activationGradientBytes());
        assertEquals(18_531_608, training.parameterBytes());
        assertEquals(18_531_608, training.parameterGradientBytes());
        assertEquals(37_063_216, training.optimizerStateBytes());
        // Working memory, the im2col array of a convolution: input channels * output positions * kernel
        // area values an image. conv2d: 3 * 50*50 * 3*3 = 67,500; conv2d_1: 32 * 25*25 * 3*3 = 180,000.
        // Inference needs it once, training twice, plus the copy of the input that the dropout DL4J's
        // Keras import sets (keeping every value) makes: conv2d 2 * 67,500 + 7,500 = 142,500,
        // conv2d_1 2 * 180,000 + 25*25*32 = 380,000. conv2d_1 needs most:
        // 180,000 * 64 * 4 = 46,080,000 bytes at inference, 380,000 * 64 * 4 = 97,280,000 in training.
        assertEquals(67_500L * 64 * 4, plan.layers().get(1).inferenceWorkingBytes());
        assertEquals(142_500L * 64 * 4, plan.layers().get(1).trainingWorkingBytes());
        assertEquals(46_080_000, plan.inference().workingBytes());
        assertEquals("conv2d_1", plan.inference().workingLayer());
        assertEquals(97_280_000, training.workingBytes());
        assertEquals("conv2d_1", training.workingLayer());
        // Inference 44,131,608 + 46,080,000 = 90,211,608; training 152,706,144 + 97,280,000 = 249,986,144.
        assertEquals(90_211_608, plan.inferenceBytes());
        assertEquals(249_986_144, plan.trainingBytes());
        assertTrue(plan.complete());
    }

    @Test
    void optimizerAndPrecisionChangeWhatTheyShould() {
        MemoryPlan adam = workedExample.memoryPlan(MemoryOptions.of(64));
        // SGD keeps no state: 249,986,144 - 37,063,216 = 212,922,928.
        assertEquals(212_922_928, workedExample.memoryPlan(MemoryOptions.of(64).withOptimizer(Optimizer.SGD))
                .trainingBytes());
        // Momentum, Adagrad and RMSprop keep one copy: 212,922,928 + 18,531,608 = 231,454,536.
        for (Optimizer oneCopy : List.of(Optimizer.MOMENTUM, Optimizer.ADAGRAD, Optimizer.RMSPROP)) {
            assertEquals(231_454_536, workedExample.memoryPlan(MemoryOptions.of(64).withOptimizer(oneCopy))
                    .trainingBytes(), oneCopy.name());
        }
        // float16 halves every byte count, float64 doubles it.
        assertEquals(adam.inferenceBytes() / 2,
                workedExample.memoryPlan(MemoryOptions.of(64).withPrecision(Precision.FLOAT16)).inferenceBytes());
        assertEquals(adam.trainingBytes() * 2,
                workedExample.memoryPlan(MemoryOptions.of(64).withPrecision(Precision.FLOAT64)).trainingBytes());
        // Batch 1: the activations and working memory are 64 times smaller, the parameters the same:
        // 25,600,000 / 64 + 18,531,608 + 46,080,000 / 64 = 19,651,608.
        assertEquals(19_651_608, workedExample.memoryPlan(MemoryOptions.of(1)).inferenceBytes());
    }

    @Test
    void aLayerReadByTwoBranchesStaysAliveUntilBothHaveRun() {
        // features 10 -> a 50 -> b 40 (from a), c 40 (from a) -> added (b + c) 40 -> dropped (Dropout) -> scores 10.
        MemoryPlan plan = InspectedModel.openConfig(fixture("branches.json")).memoryPlan(MemoryOptions.of(1));
        // Running features, a, b, c, added, dropped, scores, per example:
        // a: features + a = 60; b: a + b = 90; c: a (still to be read by c) + b + c = 130;
        // added: b + c + added = 120; dropped is added itself at inference; scores: added + scores = 50.
        assertEquals(130 * 4, plan.inference().peak().activationBytes());
        assertEquals("c", plan.inference().peak().atLayer());
        assertEquals(List.of("a", "b", "c"), plan.inference().peak().alive());
        // In training the Dropout writes a masked copy: 10 + 50 + 40 + 40 + 40 + 40 + 10 = 230 values kept,
        // 220 gradients (none for features).
        assertEquals(230 * 4, plan.training().activationBytes());
        assertEquals(220 * 4, plan.training().activationGradientBytes());
        // Parameters: a 10*50+50 = 550, b and c 50*40+40 = 2,040 each, scores 40*10+10 = 410: 5,040.
        assertEquals(5_040, plan.parameters());
        // Inference: 520 + 5,040 * 4 = 20,680 bytes.
        assertEquals(20_680, plan.inferenceBytes());
    }

    @Test
    void aModelWithWeightsPlansLikeItsConfigurationAlone() {
        MemoryOptions options = MemoryOptions.of(8).withOptimizer(Optimizer.RMSPROP);
        MemoryPlan withWeights = InspectedModel.open(fixture("small_cnn.keras")).memoryPlan(options);
        MemoryPlan described = InspectedModel.openConfig(fixture("small_cnn.json")).memoryPlan(options);
        // 10x10x3 -> Conv2D 32 -> pool (5x5) -> Conv2D 64 -> pool (2x2) -> Flatten 256 -> Dense 20 -> Dense 10:
        // 896 + 18,496 + 256*20 + 20 + 20*10 + 10 = 24,742 parameters (Keras's count_params()).
        assertEquals(24_742, withWeights.parameters());
        assertEquals(withWeights.parameters(), described.parameters());
        assertEquals(withWeights.layers().stream().map(LayerMemory::parameters).toList(),
                described.layers().stream().map(LayerMemory::parameters).toList());
        assertEquals(withWeights.inferenceBytes(), described.inferenceBytes());
        assertEquals(withWeights.trainingBytes(), described.trainingBytes());
    }

    @Test
    void dl4jsOwnReportIsThereForTheWorkedExample() {
        Dl4jMemoryEstimate dl4j = Dl4jMemoryEstimator.estimate(ModelInternals.imported(workedExample), MemoryOptions.of(64));
        assertTrue(dl4j.available(), dl4j.unavailableReason());
        // DL4J's parameters are the same 4,632,902 floats; Adam's state is two copies of them.
        assertEquals(18_531_608, dl4j.parameterBytes());
        assertEquals(37_063_216, dl4j.updaterStateBytes());
        // DL4J sums every vertex's output and leaves the input out: at least the conv and pool outputs,
        // (5,120,000 + 1,280,000 + 2,560,000 + 589,824 + 32,000 + 640) * 4 = 38,329,856 bytes.
        assertTrue(dl4j.activationBytes() >= 38_329_856, "DL4J activations " + dl4j.activationBytes());
        assertTrue(dl4j.inferenceBytes() > dl4j.parameterBytes() + dl4j.activationBytes() - 1);
    }

    @Test
    void aVertexDl4jCannotReportOnIsNamedAndLeftOut() {
        // conv1d: input (10, 3) -> Conv1D(4, 3, relu) -> MaxPooling1D(2) -> GlobalAveragePooling1D.
        // DL4J's Conv1D report casts its sequence input to an image type and fails.
        Dl4jMemoryEstimate dl4j = Dl4jMemoryEstimator.estimate(ModelInternals.imported(InspectedModel.open(keras3("conv1d.keras"))),
                MemoryOptions.of(4));
        assertTrue(dl4j.available(), dl4j.unavailableReason());
        assertTrue(dl4j.verticesWithoutReport().stream().anyMatch(vertex -> vertex.endsWith("(Convolution1DLayer)")),
                dl4j.verticesWithoutReport().toString());
    }

    @Test
    void sizesLeftOpenAreLeftOutUnlessStepsAreGiven() {
        // open_sequence: input (None, 3) -> LSTM(4, return_sequences) (None, 4) -> Dense(2) (None, 2).
        InspectedModel model = InspectedModel.openConfig(fixture("open_sequence.json"));
        MemoryPlan open = model.memoryPlan(MemoryOptions.of(2));
        assertFalse(open.complete());
        assertEquals(List.of("steps", "lstm", "dense"), open.layersOfUnknownSize());
        assertEquals(0, open.training().activationBytes());
        assertTrue(Arrays.asList((Long) null, 3L).equals(open.layers().get(0).outputShape()));
        // Counting 7 steps: 7*3 = 21, 7*4 = 28, 7*2 = 14 values per example; batch 2, 4 bytes.
        MemoryPlan sevenSteps = model.memoryPlan(MemoryOptions.of(2).withStepsForUnknownSizes(7));
        assertTrue(sevenSteps.complete());
        assertEquals(List.of(21L, 28L, 14L), sevenSteps.layers().stream().map(LayerMemory::valuesPerExample).toList());
        assertTrue(sevenSteps.layers().get(1).stepsAssumed());
        assertEquals((21 + 28 + 14) * 2 * 4, sevenSteps.training().activationBytes());
        // LSTM(4) on 3 features: 4 * 4 * (3 + 4 + 1) = 128; Dense: 4*2 + 2 = 10.
        assertEquals(138, sevenSteps.parameters());
        // DL4J cannot estimate an open length either, until it is given one; the reason names the API.
        Dl4jMemoryEstimate openLength = Dl4jMemoryEstimator.estimate(ModelInternals.imported(model), MemoryOptions.of(2));
        assertFalse(openLength.available());
        assertTrue(openLength.unavailableReason().endsWith("give the steps to plan for "
                + "(MemoryOptions.withStepsForUnknownSizes(steps))"), openLength.unavailableReason());
    }

    @Test
    void aKeras3FileWithWeightsHasEverySizeKnown() {
        // lstm_seq: input (5, 3) -> LSTM(4, return_sequences) (5, 4) -> LSTM(3) (3,): 15 + 20 + 3 values.
        MemoryPlan known = InspectedModel.open(keras3("lstm_seq.keras")).memoryPlan(MemoryOptions.of(2));
        assertTrue(known.complete());
        assertEquals(List.of(15L, 20L, 3L), known.layers().stream().map(LayerMemory::valuesPerExample).toList());
    }

    @Test
    void wrongOptionsAreOneLineErrors() {
        assertThrows(KinspectException.class, () -> MemoryOptions.of(0));
        assertEquals("unknown optimizer 'adamw'; give one of sgd, momentum, adam, adagrad, rmsprop",
                assertThrows(KinspectException.class, () -> Optimizer.parse("adamw")).getMessage());
        assertThrows(KinspectException.class, () -> Precision.parse("int8"));
        assertEquals(Precision.FLOAT16, Precision.parse("FLOAT16"));
        KinspectException notJson = assertThrows(KinspectException.class,
                () -> InspectedModel.openConfig(fixture("small_cnn.keras")));
        assertFalse(notJson.getMessage().contains("\n"), notJson.getMessage());
        KinspectException jsonAsModel = assertThrows(KinspectException.class,
                () -> InspectedModel.open(fixture("worked_example.json")));
        assertTrue(jsonAsModel.getMessage().contains("without weights"), jsonAsModel.getMessage());
    }

    @Test
    void humanUnitsAreDecimal() {
        assertEquals("999 B", ByteSize.human(999));
        assertEquals("1.00 KB", ByteSize.human(1_000));
        assertEquals("40.25 MB", ByteSize.human(40_249_856));
        assertEquals("152.71 MB", ByteSize.human(152_706_144));
        assertEquals("1.50 GB", ByteSize.human(1_500_000_000));
        assertEquals("2,000.00 GB", ByteSize.human(2_000_000_000_000L));
    }

    static Path fixture(String name) {
        return resource("memory/" + name);
    }

    static Path keras3(String name) {
        return resource("keras3/" + name);
    }

    private static Path resource(String name) {
        URL url = MemoryPlannerTest.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
