package org.kinspect.graph.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.core.KerasDense;
import org.kinspect.graph.base.ReplacedClassNames;
import org.kinspect.graph.base.TimeFoldingLayer;
import org.kinspect.graph.base.UnsupportedLayerOption;

/**
 * Maps Keras's {@code Dense}. On a sequence, Keras applies it to every step and its output is a
 * sequence; DL4J's mapper flattens the steps into the batch instead and types its output as
 * vectors, so a {@code Flatten} after it flattened each step alone (one row a step, the steps lost).
 * Here a Dense on a sequence is DL4J's {@link TimeDistributed} dense layer, whose output is a
 * sequence of the same length. On a channels-last image or a 5-D tensor (a ConvLSTM2D's sequence of
 * images), which DL4J's Dense refuses, Keras applies it to every vector of the last axis, as the
 * {@link TimeFoldingLayer} does ({@link TimeFoldingLayer.Mode#LAST_AXIS}); a channels-first one is
 * refused. On vectors it is DL4J's mapper unchanged.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("kinspect.Dense", SequenceDenseMapper.class);
 * }</pre>
 */
public class SequenceDenseMapper extends KerasDense {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for settings DL4J's Dense lacks
     */
    public SequenceDenseMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(ReplacedClassNames.underKerasName(layerConfig), false);
    }

    @Override
    public InputPreProcessor getInputPreprocessor(InputType... inputType) throws InvalidKerasConfigurationException {
        return onSequence(inputType) || onImages(inputType) ? null : super.getInputPreprocessor(inputType);
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws InvalidKerasConfigurationException {
        if (onImages(inputType)) {
            if (!channelsLast(inputType[0])) {
                String why = "Dense '" + layerName + "' on a channels-first " + inputType[0] + " is not supported"
                        + " (Keras applies it to the last axis, the width)";
                throw new InvalidKerasConfigurationException(why, new UnsupportedLayerOption(why));
            }
            if (!(layer instanceof TimeFoldingLayer)) {
                layer = new TimeFoldingLayer(getDenseLayer(), TimeFoldingLayer.Mode.LAST_AXIS, false);
                layer.setLayerName(layerName);
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

    private static boolean onImages(InputType... inputType) {
        return inputType.length == 1 && (inputType[0] instanceof InputType.InputTypeConvolutional
                || inputType[0] instanceof InputType.InputTypeConvolutional3D);
    }

    private static boolean channelsLast(InputType images) {
        if (images instanceof InputType.InputTypeConvolutional3D volume) {
            return volume.getDataFormat() == Convolution3D.DataFormat.NDHWC || volume.getDataFormat() == null;
        }
        return ((InputType.InputTypeConvolutional) images).getFormat() == CNN2DFormat.NHWC;
    }

    private static boolean onSequence(InputType... inputType) {
        return inputType.length == 1 && inputType[0] instanceof InputType.InputTypeRecurrent;
    }
}
