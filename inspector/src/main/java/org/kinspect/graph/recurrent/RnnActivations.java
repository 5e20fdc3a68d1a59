package org.kinspect.graph.recurrent;

import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.config.KerasLayerConfiguration;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasActivationUtils;
import org.kinspect.graph.base.UnsupportedLayerOption;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSwish;

/**
 * The activation a Keras recurrent layer names, with the meaning of the Keras version that wrote
 * the file: {@code hard_sigmoid} is {@code clip(0.2 x + 0.5, 0, 1)} in Keras 1 and 2 but
 * {@code relu6(x + 3) / 6} in Keras 3. Also what {@code org.kinspect.gates} computes gate traces with,
 * so that they use the same function the graph does.
 */
public final class RnnActivations {

    private RnnActivations() {}

    /**
     * @param configured the configuration's value: a name, null (Keras: linear), or Keras 3's
     *     serialised function ({@code {"class_name": "function", "config": "tanh"}})
     * @param kerasMajorVersion the Keras that wrote the file
     * @param conf DL4J's names of Keras activations
     * @param layerName for messages
     * @return the activation
     * @throws UnsupportedKerasConfigurationException for an activation DL4J does not have
     */
    public static IActivation of(Object configured, int kerasMajorVersion, KerasLayerConfiguration conf, String layerName)
            throws UnsupportedKerasConfigurationException {
        Object name = configured instanceof Map<?, ?> serialised ? serialised.get("config") : configured;
        if (name == null || "linear".equals(name)) {
            return new ActivationIdentity();
        }
        if (!(name instanceof String activation)) {
            throw new UnsupportedLayerOption("activation " + configured + " of '" + layerName
                    + "' is not supported (only Keras's named activations are)");
        }
        if (activation.equals("hard_sigmoid") && kerasMajorVersion >= 3) {
            return new Keras3HardSigmoid();
        }
        if (activation.equals("silu")) {
            return new ActivationSwish(); // Keras 3's name for swish: x * sigmoid(x)
        }
        try {
            return KerasActivationUtils.mapToIActivation(activation, conf);
        } catch (UnsupportedKerasConfigurationException e) {
            throw new UnsupportedLayerOption("activation '" + activation + "' of '" + layerName
                    + "' is not supported");
        }
    }
}
