package org.kinspect.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

    // completeness on every gradient fixture: org.kinspect.gradients.IntegratedGradientsCompletenessTest

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
