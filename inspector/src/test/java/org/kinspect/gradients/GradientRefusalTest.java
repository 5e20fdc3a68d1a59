package org.kinspect.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers kinspect has no checked backward pass for are refused by name, as unsupported, never
 * given gradients; a target inside the model is differentiated on its own.
 */
class GradientRefusalTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "seq2seq_simple_rnn, decoder, SimpleRNN",
    })
    void aLayerWithoutCheckedBackwardIsRefusedByName(String name, String layer, String className) {
        Path folder = KerasReferenceCheck.resource("/gradients");
        KerasGradients keras = KerasGradients.read(folder.resolve(name + "_grad.h5"));
        InspectedModel model = InspectedModel.open(folder.resolve(name + ".keras"));
        KinspectException refused = assertThrows(KinspectException.class,
                () -> model.gradients(keras.inputs(), GradientTarget.outputUnit(1)));
        assertEquals(KinspectException.Problem.UNSUPPORTED, refused.problem(), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("layer '" + layer + "' (" + className + ") has no backward pass"
                + " kinspect has checked"), refused.getMessage());
    }

    @Test
    void aMaskedModelIsRefusedNamingTheLayerThatMasks() {
        Path folder = KerasReferenceCheck.resource("/masking");
        InspectedModel model = InspectedModel.open(folder.resolve("masking_long.keras"));
        Map<String, INDArray> inputs = org.kinspect.inspect.KerasReference.read(folder.resolve("masking_long_io.h5"))
                .inputs();
        KinspectException refused = assertThrows(KinspectException.class,
                () -> model.gradients(inputs, GradientTarget.parse("lstm_last:0")));
        assertEquals(KinspectException.Problem.UNSUPPORTED, refused.problem(), refused.getMessage());
        assertTrue(refused.getMessage().matches("layer '.*' \\((Masking|Embedding)\\) makes a mask, and kinspect has not"
                + " checked gradients of masked models against Keras; refused rather than given wrong"),
                refused.getMessage());
    }

    @Test
    void aTargetOnAnInnerDenseLayerHasItsKernelColumnAsInputGradient() {
        Path folder = KerasReferenceCheck.resource("/gradients");
        KerasGradients keras = KerasGradients.read(folder.resolve("operation_layer_grad.h5"));
        InspectedModel model = InspectedModel.open(folder.resolve("operation_layer.keras"));
        Gradients gradients = model.gradients(keras.inputs(), GradientTarget.parse("hidden:1"));
        // hidden is a Dense without activation: d hidden[:, 1] / d x is the kernel's column 1 for every example
        INDArray column = model.weights("hidden").get("kernel").getColumn(1);
        INDArray input = gradients.inputs().get("features");
        for (int example = 0; example < input.size(0); example++) {
            assertTrue(input.getRow(example).equalsWithEps(column, 1e-6), input.toString());
        }
        INDArray bias = gradients.weights().get("hidden").get("bias");
        assertEquals(input.size(0), bias.getDouble(1), 1e-6); // one per example, into unit 1 only
        assertEquals(input.size(0), bias.sumNumber().doubleValue(), 1e-6);
        assertEquals(Map.of(), gradients.weights().getOrDefault("scores", Map.of()));
    }
}
