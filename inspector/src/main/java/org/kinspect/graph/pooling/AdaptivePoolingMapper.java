package org.kinspect.graph.pooling;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.UnsupportedLayerOption;

/**
 * Maps Keras 3's {@code AdaptiveAveragePooling1D/2D/3D} and {@code AdaptiveMaxPooling1D/2D/3D}
 * (channels_last and channels_first: the image's or volume's layout is DL4J's array's, and
 * channels_first sequences reach DL4J as channels_last) to {@link AdaptivePooling}. The numbers
 * do not depend on Keras's backend: torch's adaptive pooling and Keras's own TensorFlow, JAX and NumPy
 * code cut the same bins, {@code floor(i * L / n)} to {@code ceil((i + 1) * L / n)}.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("AdaptiveMaxPooling2D", AdaptivePoolingMapper.class);
 * }</pre>
 */
public class AdaptivePoolingMapper extends KerasLayer {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException never for these layers
     */
    public AdaptivePoolingMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> settings = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        int dimensions = className.charAt(className.length() - 2) - '0'; // ...Pooling1D, 2D or 3D
        int[] outputSize = new int[dimensions];
        Object configured = settings.get("output_size");
        for (int axis = 0; axis < dimensions; axis++) {
            Object size = configured instanceof List<?> sizes ? sizes.get(axis) : configured;
            if (!(size instanceof Number number)) {
                throw new InvalidKerasConfigurationException(className + " '" + layerName + "': output_size="
                        + configured);
            }
            outputSize[axis] = number.intValue();
        }
        layer = new AdaptivePooling(layerName, outputSize, className.contains("Max"));
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1) {
            throw new InvalidKerasConfigurationException(className + " '" + layerName + "' takes one input");
        }
        try {
            return layer.getOutputType(-1, inputType[0]);
        } catch (IllegalStateException e) { // inputs of unknown size, or no images: kinspect cannot compute it
            throw new UnsupportedLayerOption(e.getMessage());
        }
    }
}
