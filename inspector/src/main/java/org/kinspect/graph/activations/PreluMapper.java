package org.kinspect.graph.activations;

import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.advanced.activations.KerasPReLU;
import org.kinspect.graph.base.ReplacedClassNames;

/**
 * Keras's {@code PReLU} with its weights: DL4J's mapper reports no parameters, so neither DL4J nor
 * kinspect copies its {@code alpha} into the layer, which then computes {@code relu}.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer(PreluMapper.CLASS_NAME, PreluMapper.class);
 * }</pre>
 */
public class PreluMapper extends KerasPReLU {
    /** The class name {@link ActivationRewrite#prepare} gives PReLU layers, so that DL4J uses this mapper. */
    public static final String CLASS_NAME = ReplacedClassNames.PREFIX + "PReLU";

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for options DL4J's mapper refuses
     */
    public PreluMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
    }

    @Override
    public int getNumParams() {
        return 1; // alpha
    }
}
