package org.kinspect.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kinspect.InspectedModel;
import org.kinspect.gradients.GradientTarget;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The attribution methods on the gradient fixtures, checked against Keras's gradients, against
 * a closed form (a linear target) and against their own definitions (completeness).
 */
class AttributionsTest {
    private static final Path FOLDER = KerasReferenceCheck.resource("/gradients");

    private static Map<String, INDArray> inputs(String name) {
        return KerasGradientFile.inputs(FOLDER.resolve(name + "_grad.h5"));
    }

    /** Smooth models (tanh, sigmoid): the midpoint rule's error falls as 1/steps^2. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lstm", "gru_reset_after", "gru_reset_before", "bidirectional"})
    void integratedGradientsAreCompleteWithin1PercentIn64Steps(String name) {
        InspectedModel model = InspectedModel.open(FOLDER.resolve(name + ".keras"));
        IntegratedGradients ig = Attributions.integratedGradients(model, inputs(name), GradientTarget.outputUnit(1),
                null, 64);
        assertTrue(ig.largestGap() < 0.01, "completeness " + ig.completeness());
    }

    /**
     * ReLU and max pooling make the gradient jump along the path, so the error falls only as
     * 1/steps: 64 steps leave a gap of 1 to 7% of the change on these two fixtures. With 256 steps
     * every example's gap is below 1% of the batch's largest change (one CNN example changes by
     * 0.004 only, and keeps a 3% gap of its own change).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp", "cnn"})
    void integratedGradientsOfReluModelsAreCompleteWithin1PercentIn256Steps(String name) {
        InspectedModel model = InspectedModel.open(FOLDER.resolve(name + ".keras"));
        IntegratedGradients ig = Attributions.integratedGradients(model, inputs(name), GradientTarget.outputUnit(1),
                null, 256);
        double largestChange = ig.completeness().stream().mapToDouble(c -> Math.abs(c.change())).max().orElseThrow();
        for (IntegratedGradients.Completeness example : ig.completeness()) {
            assertTrue(Math.abs(example.attributed() - example.change()) < 0.01 * largestChange,
                    "completeness " + ig.completeness());
        }
    }

    @Test
    void integratedGradientsOfALinearUnitAreInputTimesWeight() {
        InspectedModel model = InspectedModel.open(FOLDER.resolve("operation_layer.keras"));
        Map<String, INDArray> inputs = inputs("operation_layer");
        INDArray x = inputs.get("features");
        INDArray baseline = x.mul(0.25);
        IntegratedGradients ig = Attributions.integratedGradients(model, inputs, GradientTarget.parse("hidden:2"),
                Map.of("features", baseline), 8);
        INDArray kernelColumn = model.weights("hidden").get("kernel").getColumn(2);
        INDArray expected = x.sub(baseline).mulRowVector(kernelColumn);
        assertTrue(expected.equalsWithEps(ig.attributions().get("features"), 1e-5), ig.attributions().toString());
        assertTrue(ig.largestGap() < 1e-4, ig.completeness().toString());
    }

    @Test
    void saliencyAndGradientTimesInputAreKerasGradientsAbsoluteAndScaled() {
        InspectedModel model = InspectedModel.open(FOLDER.resolve("cnn.keras"));
        Map<String, INDArray> inputs = inputs("cnn");
        INDArray kerasGradient = KerasGradientFile.inputGradient(FOLDER.resolve("cnn_grad.h5"), "image");
        double scale = kerasGradient.amaxNumber().doubleValue();
        INDArray saliency = Attributions.saliency(model, inputs, GradientTarget.outputUnit(1)).get("image");
        assertTrue(saliency.sub(Transforms.abs(kerasGradient)).amaxNumber().doubleValue() < 1e-4 * scale);
        INDArray times = Attributions.gradientTimesInput(model, inputs, GradientTarget.outputUnit(1)).get("image");
        INDArray expected = kerasGradient.mul(inputs.get("image"));
        assertTrue(times.sub(expected).amaxNumber().doubleValue() < 1e-4 * expected.amaxNumber().doubleValue());
    }

    @Test
    void smoothGradIsSeededAndWithoutNoiseIsTheGradient() {
        InspectedModel model = InspectedModel.open(FOLDER.resolve("mlp.keras"));
        Map<String, INDArray> inputs = inputs("mlp");
        GradientTarget target = GradientTarget.outputUnit(1);
        INDArray once = Attributions.smoothGrad(model, inputs, target, 5, 0.2, 7).get("features");
        INDArray again = Attributions.smoothGrad(model, inputs, target, 5, 0.2, 7).get("features");
        INDArray otherSeed = Attributions.smoothGrad(model, inputs, target, 5, 0.2, 8).get("features");
        assertEquals(once, again);
        assertTrue(!once.equalsWithEps(otherSeed, 1e-7));
        INDArray noiseless = Attributions.smoothGrad(model, inputs, target, 3, 0.0, 7).get("features");
        INDArray kerasGradient = KerasGradientFile.inputGradient(FOLDER.resolve("mlp_grad.h5"), "features");
        assertTrue(noiseless.sub(kerasGradient).amaxNumber().doubleValue()
                < 1e-4 * kerasGradient.amaxNumber().doubleValue());
    }

    @Test
    void gradCamWeighsTheChannelsByKerasMeanGradient() {
        InspectedModel model = InspectedModel.open(FOLDER.resolve("cnn.keras"));
        Map<String, INDArray> inputs = inputs("cnn");
        INDArray cam = Attributions.gradCam(model, inputs, GradientTarget.outputUnit(1), "last_conv");
        INDArray activation = model.activation("last_conv", inputs);
        INDArray gradient = KerasGradientFile.activationGradient(FOLDER.resolve("cnn_grad.h5"), "last_conv");
        assertArrayEquals(new long[] {3, 3, 3}, cam.shape());
        for (int example = 0; example < 3; example++) {
            for (int row = 0; row < 3; row++) {
                for (int column = 0; column < 3; column++) {
                    double sum = 0;
                    for (int channel = 0; channel < 5; channel++) {
                        double weight = 0;
                        for (int r = 0; r < 3; r++) {
                            for (int c = 0; c < 3; c++) {
                                weight += gradient.getDouble(example, r, c, channel) / 9;
                            }
                        }
                        sum += weight * activation.getDouble(example, row, column, channel);
                    }
                    assertEquals(Math.max(0, sum), cam.getDouble(example, row, column), 1e-5);
                }
            }
        }
    }
}
