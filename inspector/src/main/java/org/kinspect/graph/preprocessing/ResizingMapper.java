package org.kinspect.graph.preprocessing;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.UnsupportedLayerOption;

/**
 * Maps Keras's {@code Resizing} layer with {@code interpolation="nearest"} or {@code "bilinear"}
 * (without {@code antialias}), with or without {@code crop_to_aspect_ratio} or
 * {@code pad_to_aspect_ratio}, channels_last or channels_first, to {@link ImageResizing}.
 *
 * <p>Keras hands the resizing to its backend, so the numbers depend on the backend the model runs
 * with. kinspect computes what the torch backend computes (checked against it): half-pixel centres
 * without corner alignment, torch's {@code nearest-exact} for "nearest". TensorFlow's
 * {@code tf.image.resize} uses the same rules for "nearest" and "bilinear" without antialiasing,
 * but not for the rest: its "bicubic" uses another cubic kernel (a = -0.5, taps outside the image
 * dropped, where torch uses a = -0.75 and repeats the edge), and "area", "lanczos3",
 * "lanczos5", "gaussian", "mitchellcubic" and antialiased bilinear resizing exist in one backend
 * only or differ between them. Those are refused by name: a model trained with TensorFlow would
 * have seen other numbers than torch's, and kinspect would match neither.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("Resizing", ResizingMapper.class);
 * }</pre>
 */
public class ResizingMapper extends KerasLayer {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for interpolations other than nearest and
     *     bilinear, and for antialiased bilinear resizing
     */
    public ResizingMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> settings = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        String interpolation = String.valueOf(settings.getOrDefault("interpolation", "bilinear"));
        if (!interpolation.equals("nearest") && !interpolation.equals("bilinear")) {
            throw new UnsupportedLayerOption("Resizing '" + layerName + "': interpolation='" + interpolation
                    + "' is not supported (Keras's backends compute it differently); only 'nearest' and 'bilinear' are");
        }
        boolean nearest = interpolation.equals("nearest");
        if (!nearest && Boolean.TRUE.equals(settings.get("antialias"))) {
            throw new UnsupportedLayerOption("Resizing '" + layerName
                    + "': antialias=True is not supported (Keras's backends compute it differently)");
        }
        boolean crop = Boolean.TRUE.equals(settings.get("crop_to_aspect_ratio"));
        boolean pad = Boolean.TRUE.equals(settings.get("pad_to_aspect_ratio"));
        ImageResizing.AspectRatio aspectRatio = crop ? ImageResizing.AspectRatio.CROP
                : pad ? ImageResizing.AspectRatio.PAD : ImageResizing.AspectRatio.STRETCH;
        Object fillValue = settings.getOrDefault("fill_value", 0.0);
        layer = new ImageResizing(layerName, ((Number) settings.get("height")).intValue(),
                ((Number) settings.get("width")).intValue(), nearest, aspectRatio, ((Number) fillValue).doubleValue());
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1) {
            throw new InvalidKerasConfigurationException("Resizing '" + layerName + "' takes one image batch");
        }
        try {
            return layer.getOutputType(-1, inputType[0]);
        } catch (IllegalStateException e) { // inputs of unknown size, or no images: kinspect cannot compute it
            throw new UnsupportedLayerOption(e.getMessage());
        }
    }
}
