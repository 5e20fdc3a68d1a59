package org.kinspect.graph.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * Maps Keras's {@code Minimum} merge layer, which DL4J's importer does not know, to a
 * {@link MinimumVertex}.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("Minimum", MinimumMapper.class);
 * }</pre>
 */
public class MinimumMapper extends KerasLayer {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException never for this layer
     */
    public MinimumMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        this.vertex = new MinimumVertex();
    }

    @Override
    public InputType getOutputType(InputType... inputType) {
        return this.vertex.getOutputType(-1, inputType);
    }
}
