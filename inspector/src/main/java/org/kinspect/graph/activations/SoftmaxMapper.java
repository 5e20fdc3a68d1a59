package org.kinspect.graph.activations;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.ReplacedClassNames;

/**
 * Maps Keras's {@code Softmax} layer with its {@code axis}, which DL4J's mapper ignores (it always
 * normalises DL4J's last axis). Keras's axis is translated to DL4J's layout of the input: a
 * sequence DL4J holds as {@code [batch, features, steps]} has Keras's steps axis 1 at 2.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer(SoftmaxMapper.CLASS_NAME, SoftmaxMapper.class);
 * }</pre>
 */
public class SoftmaxMapper extends KerasLayer {
    /** The class name {@link ActivationRewrite#prepare} gives Softmax layers, so that DL4J uses this mapper. */
    public static final String CLASS_NAME = ReplacedClassNames.PREFIX + "Softmax";
    private final int kerasAxis;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for a softmax over several axes
     */
    public SoftmaxMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> inner = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        Object axis = inner.getOrDefault("axis", -1);
        if (axis instanceof List<?> axes && axes.size() == 1) {
            axis = axes.get(0);
        }
        if (!(axis instanceof Number number)) {
            throw new UnsupportedKerasConfigurationException("Softmax layer '" + layerName + "': axis " + axis
                    + " is not supported (one axis is)");
        }
        this.kerasAxis = number.intValue();
        this.layer = new ActivationLayer.Builder().name(layerName).activation(new AxisSoftmax(-1, false)).build();
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws InvalidKerasConfigurationException {
        if (inputType.length != 1) {
            throw new InvalidKerasConfigurationException("Softmax layer '" + layerName + "' takes one input");
        }
        ActivationLayer activation = (ActivationLayer) layer;
        activation.setActivationFn(new AxisSoftmax(dl4jAxis(inputType[0]), false));
        return activation.getOutputType(-1, inputType[0]);
    }

    /** Keras's axis (batch axis 0) as the axis of DL4J's array of the same input. */
    private int dl4jAxis(InputType input) throws InvalidKerasConfigurationException {
        int rank = input.getShape(true).length;
        int axis = kerasAxis < 0 ? rank + kerasAxis : kerasAxis;
        if (axis <= 0 || axis >= rank) {
            throw new InvalidKerasConfigurationException("Softmax layer '" + layerName + "': axis " + kerasAxis
                    + " is outside its rank-" + rank + " input");
        }
        boolean channelsFirst = input instanceof InputType.InputTypeRecurrent recurrent
                        && recurrent.getFormat() == RNNFormat.NCW
                || input instanceof InputType.InputTypeConvolutional convolutional
                        && convolutional.getFormat() == CNN2DFormat.NCHW;
        if (!channelsFirst) {
            return axis;
        }
        // Keras [batch, d1, ..., channels] is DL4J [batch, channels, d1, ...]
        return axis == rank - 1 ? 1 : axis + 1;
    }
}
