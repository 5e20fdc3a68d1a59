package org.kinspect.inspect.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;

/**
 * The memory headline with working memory, on the sample LSTM and a small CNN. Each expected total
 * is worked out here from the models' architectures (written out in the comments) and DL4J
 * 1.0.0-M2.1's own formulas ({@code ConvolutionLayer}, {@code LSTMHelpers} and {@code DenseLayer}
 * {@code getMemoryReport}), not from the planner's output; DL4J's own estimate is then checked to
 * be contained in the headline.
 */
class WorkingMemoryTest {
    private static final Path SAMPLES = Path.of(System.getProperty("kinspect.samples", "../samples/models"));
    private static final int BATCH = 64;
    private static final int FLOAT = 4;

    /** What one Keras layer contributes, per example, in values. */
    private record Layer(long outputValues, long parameters, long inferenceWorking, long trainingWorking) {}

    /**
     * DL4J's ConvolutionLayer: the im2col array, inputChannels * outputPositions * kernelArea; twice in
     * training, plus the copy of its input that the dropout DL4J's Keras import sets (keeping every
     * value) makes in training.
     */
    private static Layer conv(long inputValues, long inputChannels, long outputPositions, long filters, long kernelArea) {
        long im2col = inputChannels * outputPositions * kernelArea;
        return new Layer(outputPositions * filters, kernelArea * inputChannels * filters + filters, im2col,
                2 * im2col + inputValues);
    }

    /** DL4J's LSTM: 4 gates a step at inference; 4 + 6 kept for backprop + 6 of backprop's own in training. */
    private static Layer lstm(long steps, long features, long units, boolean sequences) {
        return new Layer(sequences ? steps * units : units, 4 * units * (features + units + 1),
                4 * steps * units, 16 * steps * units);
    }

    /** DL4J's DenseLayer: nothing at inference; the pre-activation again and the input's dropout copy in training. */
    private static Layer dense(long inputs, long units) {
        return new Layer(units, inputs * units + units, 0, units + inputs);
    }

    private static Layer noParameters(long outputValues) {
        return new Layer(outputValues, 0, 0, 0);
    }

    /**
     * Training bytes for a chain of layers (the first is the input, the views already left out):
     * activations kept, their gradients (none for the input), parameters, their gradients, Adam's
     * two moments, and the largest layer's training working memory.
     */
    private static long adamTrainingBytes(List<Layer> layers) {
        long activations = layers.stream().mapToLong(Layer::outputValues).sum();
        long gradients = activations - layers.get(0).outputValues();
        long parameters = layers.stream().mapToLong(Layer::parameters).sum();
        long working = layers.stream().mapToLong(Layer::trainingWorking).max().orElse(0);
        return (activations + gradients + working) * BATCH * FLOAT + parameters * FLOAT * (1 + 1 + 2);
    }

    @Test
    void theSampleLstmCountsItsGateArrays() {
        // sine_lstm: signal (20, 2) -> LSTM(8, return_sequences) -> LSTM(6) -> Dense(4) -> Dense(3).
        List<Layer> layers = List.of(noParameters(20 * 2), lstm(20, 2, 8, true), lstm(20, 8, 6, false),
                dense(6, 4), dense(4, 3));
        InspectedModel model = InspectedModel.open(SAMPLES.resolve("sine_lstm.keras"));
        MemoryPlan plan = model.memoryPlan(MemoryOptions.of(BATCH));

        assertEquals(755, layers.stream().mapToLong(Layer::parameters).sum());
        assertEquals(755, plan.parameters());
        // lstm_1's 16 * 20 * 8 = 2,560 values an example need most: 655,360 bytes.
        assertEquals(16L * 20 * 8 * BATCH * FLOAT, plan.training().workingBytes());
        assertEquals("lstm_1", plan.training().workingLayer());
        assertEquals(adamTrainingBytes(layers), plan.trainingBytes());
        // Inference: its 4 * 20 * 8 gate values an example on top of the peak and the parameters.
        assertEquals(4L * 20 * 8 * BATCH * FLOAT, plan.inference().workingBytes());
        assertEquals(plan.inference().peak().activationBytes() + 755 * FLOAT + 4L * 20 * 8 * BATCH * FLOAT,
                plan.inferenceBytes());

        Dl4jMemoryEstimate dl4j = Dl4jMemoryEstimator.estimate(ModelInternals.imported(model), MemoryOptions.of(BATCH));
        headlineContainsDl4jsWorkingMemory(plan, dl4j);
    }

    @Test
    void aSmallCnnCountsItsIm2colArrays() {
        // small_cnn: 10x10x3 -> Conv2D(32, 3x3, same) -> MaxPooling2D(2) 5x5x32 -> Conv2D(64, 3x3, same)
        // -> MaxPooling2D(2) 2x2x64 -> Flatten (a view) -> Dense(20) -> Dense(10).
        List<Layer> layers = List.of(noParameters(10 * 10 * 3), conv(10 * 10 * 3, 3, 10 * 10, 32, 9), noParameters(5 * 5 * 32),
                conv(5 * 5 * 32, 32, 5 * 5, 64, 9), noParameters(2 * 2 * 64), dense(256, 20), dense(20, 10));
        InspectedModel model = InspectedModel.open(MemoryPlannerTest.fixture("small_cnn.keras"));
        MemoryPlan plan = model.memoryPlan(MemoryOptions.of(BATCH));

        assertEquals(24_742, plan.parameters());
        // The second convolution's im2col array, 32 * 25 * 9 = 7,200 values an example, twice in
        // training, and its input's dropout copy, 800.
        LayerMemory secondConvolution = plan.layers().get(3);
        assertEquals("Conv2D", secondConvolution.className());
        assertEquals((2L * 7_200 + 800) * BATCH * FLOAT, plan.training().workingBytes());
        assertEquals(secondConvolution.name(), plan.training().workingLayer());
        assertEquals(adamTrainingBytes(layers), plan.trainingBytes());
        assertEquals(7_200L * BATCH * FLOAT, plan.inference().workingBytes());

        Dl4jMemoryEstimate dl4j = Dl4jMemoryEstimator.estimate(ModelInternals.imported(model), MemoryOptions.of(BATCH));
        headlineContainsDl4jsWorkingMemory(plan, dl4j);
    }

    /**
     * DL4J's training working memory is a lower bound of kinspect's (the same formulas, so equal
     * here), and kinspect's training headline is within a factor of 1.25 of DL4J's total either
     * way (the rest differs only in how activations and their gradients are counted).
     */
    private static void headlineContainsDl4jsWorkingMemory(MemoryPlan plan, Dl4jMemoryEstimate dl4j) {
        assertTrue(dl4j.available(), dl4j.unavailableReason());
        assertTrue(dl4j.verticesWithoutReport().isEmpty(), dl4j.verticesWithoutReport().toString());
        assertTrue(dl4j.trainingWorkingBytes() > 0);
        assertEquals(dl4j.trainingWorkingBytes(), plan.training().workingBytes());
        assertTrue(plan.trainingBytes() >= dl4j.trainingWorkingBytes() + dl4j.parameterBytes()
                + dl4j.parameterGradientBytes() + dl4j.updaterStateBytes());
        double ratio = (double) plan.trainingBytes() / dl4j.trainingBytes();
        assertTrue(ratio > 0.8 && ratio < 1.25, "kinspect " + plan.trainingBytes() + " vs DL4J " + dl4j.trainingBytes());
        // DL4J's inference working memory is for one example (its LayerMemoryReport leaves the batch
        // out); kinspect's for the batch.
        assertEquals(dl4j.inferenceWorkingBytes() * BATCH, plan.inference().workingBytes());
    }
}
