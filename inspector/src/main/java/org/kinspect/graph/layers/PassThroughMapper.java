package org.kinspect.graph.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.activations.Activation;

/**
 * Maps Keras layers that give back their input unchanged when a model predicts, and that DL4J's
 * importer does not know: {@code ActivityRegularization} (it only adds a loss term in training),
 * {@code Identity}, and the image augmentation layers that change images only in training
 * ({@code RandomFlip}, {@code RandomRotation}, {@code RandomZoom}, {@code RandomTranslation},
 * {@code RandomContrast}; and from Keras 3 {@code RandomBrightness}, {@code RandomColorDegeneration},
 * {@code RandomColorJitter}, {@code RandomErasing}, {@code RandomGaussianBlur},
 * {@code RandomGrayscale}, {@code RandomHue}, {@code RandomInvert}, {@code RandomPosterization},
 * {@code RandomSaturation}, {@code RandomSharpness}, {@code Solarization}, {@code AugMix},
 * {@code CutMix}, {@code MixUp}, {@code RandAugment}, {@code RandomElasticTransform},
 * {@code RandomPerspective} and {@code RandomShear}, whose {@code transform_images} changes images
 * only when training or draws no transformation when not; not {@code AutoContrast}, which always
 * acts); and a {@code Permute} that keeps every axis in place, which DL4J refuses on a sequence.
 * Each becomes an identity activation layer, so that it keeps its name and its output can be
 * inspected like any other layer's.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("ActivityRegularization", PassThroughMapper.class);
 * }</pre>
 */
public class PassThroughMapper extends KerasLayer {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException never for these layers
     */
    public PassThroughMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        this.layer = new ActivationLayer.Builder().activation(Activation.IDENTITY).name(layerName).build();
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws InvalidKerasConfigurationException {
        if (inputType.length != 1) {
            throw new InvalidKerasConfigurationException(className + " '" + layerName + "' takes one input");
        }
        return inputType[0];
    }
}
