package org.kinspect.graph.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.core.KerasDense;

/**
 * Maps Keras's {@code Dense}. On a sequence, Keras applies it to every step and its output is a
 * sequence; DL4J's mapper flattens the steps into the batch instead and types its output as
 * vectors, so a {@code Flatten} after it flattened each step alone (one row a step, the steps lost).
 * Here a Dense on a sequence is DL4J's {@link TimeDistributed} dense layer, whose output is a
 * sequence of the same length. On a channels-last image or volume (batch, ..., channels) Keras
 * applies it to the last axis as well, where DL4J's mapper refuses anything but vectors: there it is
 * a {@link TimeFoldingLayer} reading every vector along the last axis, whose output keeps the
 * image's sizes with the units as channels. On vectors it is DL4J's mapper unchanged.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("kinspect.Dense", KerasSequenceDense.class);
 * }</pre>
 */
public class KerasSequenceDense extends KerasDense {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for settings DL4J's Dense lacks
     */
    public KerasSequenceDense(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(KinspectKerasLayers.underKerasName(layerConfig), false);
    }

    @Override
    public InputPreProcessor getInputPreprocessor(InputType... inputType) throws InvalidKerasConfigurationException {
        return onSequence(inputType) || onChannelsLastImage(inputType) ? null : super.getInputPreprocessor(inputType);
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws InvalidKerasConfigurationException {
        if (onChannelsLastImage(inputType)) {
            if (!(layer instanceof TimeFoldingLayer)) {
                Layer dense = getDenseLayer();
                layer = new TimeFoldingLayer(dense, TimeFoldingLayer.Mode.LAST_AXIS, false);
                layer.setLayerName(dense.getLayerName());
            }
            return layer.getOutputType(-1, inputType[0]);
        }
        if (!onSequence(inputType)) {
            return super.getOutputType(inputType);
        }
        InputType.InputTypeRecurrent sequence = (InputType.InputTypeRecurrent) inputType[0];
        if (!(layer instanceof TimeDistributed)) {
            layer = new TimeDistributed(getDenseLayer(), sequence.getFormat());
        }
        return layer.getOutputType(-1, sequence);
    }

    /** A channels-last image (DL4J's NHWC) or volume (NDHWC), as Keras's own layout. */
    private static boolean onChannelsLastImage(InputType... inputType) {
        if (inputType.length != 1) {
            return false;
        }
        return inputType[0] instanceof InputType.InputTypeConvolutional image && image.getFormat() == CNN2DFormat.NHWC
                || inputType[0] instanceof InputType.InputTypeConvolutional3D volume
                        && volume.getDataFormat() == Convolution3D.DataFormat.NDHWC;
    }

    private static boolean onSequence(InputType... inputType) {
        return inputType.length == 1 && inputType[0] instanceof InputType.InputTypeRecurrent;
    }
}
