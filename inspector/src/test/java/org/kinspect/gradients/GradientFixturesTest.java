package org.kinspect.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;
import org.kinspect.InspectedModel;
import org.kinspect.graph.layers.KerasReferenceCheck;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * kinspect's gradients against Keras's own (torch autodiff, {@code make_gradient_fixtures.py}):
 * every input, layer-output and weight gradient, for both file formats, within 1e-4 of the
 * tensor's largest Keras value.
 */
class GradientFixturesTest {
    static final String[] SUPPORTED = {"mlp", "cnn", "lstm", "gru_reset_after", "gru_reset_before", "bidirectional",
        "convolution_1d", "normalization_layers", "rms_normalization", "group_normalization",
        "unit_normalization", "activation_layers",
        "operation_layer", "operation_gating", "sequence_layers", "image_layers", "shared_layer",
        "recurrent_dropout", "seq2seq", "attention", "attention_variants", "seq2seq_variants",
        "multi_head_attention", "attention_heads", "seq2seq_gru", "attention_mask", "seq2seq_attention"};

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : SUPPORTED) {
            cases.add(Arguments.of(name, "keras"));
            cases.add(Arguments.of(name, "h5"));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("cases")
    void everyGradientMatchesKeras(String name, String format) {
        Path folder = KerasReferenceCheck.resource("/gradients");
        KerasGradients keras = KerasGradients.read(folder.resolve(name + "_grad.h5"));
        InspectedModel model = InspectedModel.open(folder.resolve(name + "." + format));
        Gradients ours = model.gradients(keras.inputs(), GradientTarget.outputUnit(keras.unit()));

        List<String> problems = new ArrayList<>();
        keras.inputGradients().forEach((input, expected) -> compare("input " + input, ours.inputs().get(input),
                expected, problems));
        keras.activationGradients().forEach((layer, expected) -> compare("layer " + layer,
                ours.activations().get(layer), expected, problems));
        keras.weightGradients().forEach((layer, weights) -> weights.forEach((weight, expected) -> compare(
                "weight " + layer + "." + weight, ours.weights().getOrDefault(layer, Map.of()).get(weight), expected,
                problems)));
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\nnotes: " + ours.notes());
        INDArray output = keras.outputs().values().iterator().next();
        INDArray expectedValues = output.getColumn(keras.unit());
        assertTrue(expectedValues.equalsWithEps(ours.targetValues(), 1e-5), "target values " + ours.targetValues());
        assertEquals(List.of(), ours.notes());
        // the backward pass leaves the model as it was: its outputs are still Keras's
        String outputName = keras.outputs().keySet().iterator().next();
        assertTrue(output.equalsWithEps(model.activations(keras.inputs()).get(outputName), 1e-5));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"mlp, keras", "mlp, h5", "cnn, keras", "lstm, h5"})
    void lossGradientsMatchKeras(String name, String format) {
        Path folder = KerasReferenceCheck.resource("/gradients");
        Path file = folder.resolve(name + "_loss_grad.h5");
        KerasGradients keras = KerasGradients.read(file);
        String loss;
        INDArray labels;
        try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(file)) {
            loss = (String) hdf.getAttribute("loss").getData();
            io.jhdf.api.Dataset dataset = hdf.getDatasetByPath("labels");
            Object flat = dataset.getDataFlat();
            labels = flat instanceof long[] longs ? Nd4j.createFromArray(longs).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                    : Nd4j.create((float[]) flat, dataset.getDimensionsAsLong(), 'c');
        }
        InspectedModel model = InspectedModel.open(folder.resolve(name + "." + format));
        Gradients ours = model.gradients(keras.inputs(), GradientTarget.loss(KerasLoss.of(loss, labels)));
        List<String> problems = new ArrayList<>();
        keras.inputGradients().forEach((input, expected) -> compare("input " + input, ours.inputs().get(input),
                expected, problems));
        keras.activationGradients().forEach((layer, expected) -> compare("layer " + layer,
                ours.activations().get(layer), expected, problems));
        keras.weightGradients().forEach((layer, weights) -> weights.forEach((weight, expected) -> compare(
                "weight " + layer + "." + weight, ours.weights().getOrDefault(layer, Map.of()).get(weight), expected,
                problems)));
        assertTrue(problems.isEmpty(), loss + ":\n" + String.join("\n", problems));
    }

    static void compare(String what, INDArray ours, INDArray keras, List<String> problems) {
        if (what.startsWith("weight ") && what.endsWith(".key/bias") && ours != null) {
            // (Multi-head attention) the key's bias shifts all of a query step's scores alike, which the
            // softmax ignores: its gradient is 0, and Keras's float32 one only rounding noise
            if (ours.amaxNumber().doubleValue() != 0 || keras.amaxNumber().doubleValue() > 1e-6) {
                problems.add(what + ": should be 0; kinspect's largest " + ours.amaxNumber() + ", Keras's "
                        + keras.amaxNumber());
            }
            return;
        }
        if (ours == null) {
            if (keras.amaxNumber().doubleValue() != 0) {
                problems.add(what + ": kinspect gives none, Keras's largest is " + keras.amaxNumber());
            }
            return;
        }
        if (!java.util.Arrays.equals(ours.shape(), keras.shape())) {
            problems.add(what + ": shape " + java.util.Arrays.toString(ours.shape()) + " where Keras has "
                    + java.util.Arrays.toString(keras.shape()));
            return;
        }
        double scale = Math.max(keras.amaxNumber().doubleValue(), 1e-6);
        double error = ours.castTo(keras.dataType()).sub(keras).amaxNumber().doubleValue();
        if (error > 1e-4 * scale) {
            problems.add(what + ": differs by " + error + " (Keras's largest " + scale + ")");
        }
    }
}
