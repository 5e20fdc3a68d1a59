package org.kinspect.graph.pooling;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.ReplacedClassNames;

/**
 * Maps Keras's {@code GlobalAveragePooling3D} and {@code GlobalMaxPooling3D}, which DL4J's importer
 * maps to a layer it has not got, to DL4J's global pooling over the three spatial axes of the volume, wherever the
 * channels are in DL4J's array.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("kinspect.GlobalAveragePooling3D", GlobalPooling3DMapper.class);
 * }</pre>
 */
public class GlobalPooling3DMapper extends KerasLayer {
    private final PoolingType poolingType;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for {@code keepdims=True}
     */
    public GlobalPooling3DMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(ReplacedClassNames.underKerasName(layerConfig), false);
        Map<String, Object> inner = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        if (Boolean.TRUE.equals(inner.get("keepdims"))) {
            throw new UnsupportedKerasConfigurationException(className + " '" + layerName
                    + "': keepdims=True is not supported");
        }
        this.poolingType = className.contains("Max") ? PoolingType.MAX : PoolingType.AVG;
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1 || !(inputType[0] instanceof InputType.InputTypeConvolutional3D volume)) {
            throw new InvalidKerasConfigurationException(className + " '" + layerName + "' takes one volume");
        }
        int[] spatial = volume.getDataFormat() == Convolution3D.DataFormat.NDHWC ? new int[] {1, 2, 3}
                : new int[] {2, 3, 4};
        if (layer == null) {
            layer = new GlobalPoolingLayer.Builder(poolingType).poolingDimensions(spatial).collapseDimensions(true)
                    .name(layerName).build();
        }
        return InputType.feedForward(volume.getChannels());
    }
}
