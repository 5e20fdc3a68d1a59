package org.kinspect.graph.preprocessing;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;

/**
 * Maps Keras's {@code CenterCrop} on images at least as large as its target: it keeps the middle
 * {@code height x width} (starting at {@code (H - height) // 2}, {@code (W - width) // 2}), which
 * is DL4J's cropping with margins worked out from the input size. Keras resizes smaller images
 * instead; those are refused by name.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("CenterCrop", CenterCropMapper.class);
 * }</pre>
 */
public class CenterCropMapper extends KerasLayer {
    private final int height;
    private final int width;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException never here; too small inputs are found later
     */
    public CenterCropMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> settings = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        this.height = ((Number) settings.get("height")).intValue();
        this.width = ((Number) settings.get("width")).intValue();
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1 || !(inputType[0] instanceof InputType.InputTypeConvolutional image)) {
            throw new InvalidKerasConfigurationException("CenterCrop '" + layerName + "' takes one image batch");
        }
        long heightDifference = image.getHeight() - height;
        long widthDifference = image.getWidth() - width;
        if (heightDifference < 0 || widthDifference < 0) {
            throw new UnsupportedKerasConfigurationException("CenterCrop '" + layerName + "': images of "
                    + image.getHeight() + "x" + image.getWidth() + " are smaller than " + height + "x" + width
                    + ", which Keras resizes; resizing is not supported");
        }
        if (layer == null) {
            int top = (int) (heightDifference / 2);
            int left = (int) (widthDifference / 2);
            layer = new Cropping2D(image.getFormat(), top, (int) heightDifference - top, left,
                    (int) widthDifference - left);
            layer.setLayerName(layerName);
        }
        return layer.getOutputType(-1, image);
    }
}
