package org.kinspect.graph.convolution;

import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.convolutional.KerasSeparableConvolution2D;
import org.kinspect.graph.base.ReplacedClassNames;

/**
 * DL4J's mapper of Keras's {@code SeparableConv2D}, building a layer that runs on images of one
 * channel too ({@link SeparableConvolutionAnyChannels}): DL4J's {@code sconv2d} fails on them when
 * the model runs ("NDArray::reshapei: bad input shape").
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer(SeparableConvolutionMapper.CLASS_NAME, SeparableConvolutionMapper.class);
 * }</pre>
 */
public class SeparableConvolutionMapper extends KerasSeparableConvolution2D {
    /** The class name the configuration gives these layers for DL4J's importer. */
    public static final String CLASS_NAME = ReplacedClassNames.PREFIX + "SeparableConv2D";

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is malformed
     * @throws UnsupportedKerasConfigurationException for settings DL4J's layer lacks
     */
    public SeparableConvolutionMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig);
        layer = SeparableConvolutionAnyChannels.of(getSeparableConvolution2DLayer());
    }
}
