package org.kinspect.graph.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.config.Keras2LayerConfiguration;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.junit.jupiter.api.Test;
import org.kinspect.graph.recurrent.RnnActivations;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.factory.Nd4j;

/** The activations a GRU names mean what the Keras that wrote the file meant. */
class GruActivationsTest {
    private static final float[] X = {-4f, -2.5f, -1f, 0f, 1f, 2.5f, 4f};

    @Test
    void hardSigmoidIsKeras2sLineUpToKeras2() throws Exception {
        // Keras 1 and 2: clip(0.2 x + 0.5, 0, 1)
        assertArrayEquals(new float[] {0f, 0f, 0.3f, 0.5f, 0.7f, 1f, 1f}, apply("hard_sigmoid", 2), 1e-7f);
    }

    @Test
    void hardSigmoidIsRelu6OfXPlus3Over6InKeras3() throws Exception {
        // Keras 3: relu6(x + 3) / 6
        assertArrayEquals(new float[] {0f, 1f / 12, 2f / 6, 0.5f, 4f / 6, 11f / 12, 1f}, apply("hard_sigmoid", 3), 1e-7f);
    }

    @Test
    void noActivationIsLinear() throws Exception {
        assertInstanceOf(ActivationIdentity.class, RnnActivations.of(null, 3, new Keras2LayerConfiguration(), "gru"));
        assertArrayEquals(X, apply("linear", 2), 0f);
    }

    @Test
    void keras3SerialisedFunctionsAreReadByName() throws Exception {
        IActivation tanh = RnnActivations.of(Map.of("class_name", "function", "config", "tanh"), 3,
                new Keras2LayerConfiguration(), "gru");
        assertArrayEquals(new float[] {(float) Math.tanh(1)}, tanh.getActivation(Nd4j.createFromArray(1f), false)
                .toFloatVector(), 1e-6f);
    }

    @Test
    void anUnknownActivationNamesTheLayer() {
        var error = assertThrows(UnsupportedKerasConfigurationException.class,
                () -> RnnActivations.of("my_custom", 2, new Keras2LayerConfiguration(), "gru_7"));
        org.junit.jupiter.api.Assertions.assertTrue(error.getMessage().contains("gru_7"), error.getMessage());
    }

    private static float[] apply(String name, int kerasMajorVersion) throws Exception {
        IActivation activation = RnnActivations.of(name, kerasMajorVersion, new Keras2LayerConfiguration(), "gru");
        return activation.getActivation(Nd4j.createFromArray(X.clone()), false).toFloatVector();
    }
}
