package org.kinspect.graph.preprocessing;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.UnsupportedLayerOption;
import org.nd4j.linalg.activations.Activation;

/**
 * Maps Keras's {@code RandomCrop} on images of exactly its {@code height x width}, which it passes
 * through at inference, to an identity layer that keeps its name. On other sizes Keras versions
 * disagree at inference (Keras 3.16 passes the images through unchanged, whatever its declared
 * output shape; Keras 2 crops their centre and resizes), so those are refused by name.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("RandomCrop", RandomCropMapper.class);
 * }</pre>
 */
public class RandomCropMapper extends KerasLayer {
    private final int height;
    private final int width;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException never here; other sizes are found later
     */
    public RandomCropMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> settings = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        this.height = ((Number) settings.get("height")).intValue();
        this.width = ((Number) settings.get("width")).intValue();
        this.layer = new ActivationLayer.Builder().activation(Activation.IDENTITY).name(layerName).build();
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1 || !(inputType[0] instanceof InputType.InputTypeConvolutional image)) {
            throw new InvalidKerasConfigurationException("RandomCrop '" + layerName + "' takes one image batch");
        }
        if (image.getHeight() != height || image.getWidth() != width) {
            throw new UnsupportedLayerOption("RandomCrop '" + layerName + "': images of " + image.getHeight() + "x"
                    + image.getWidth() + " cropped to " + height + "x" + width + " are not supported (at inference"
                    + " Keras 3 passes them through, Keras 2 crops their centre); only images of the crop's size are");
        }
        return image;
    }
}
