package org.kinspect.graph.normalization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.normalization.KerasBatchNormalization;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.ReplacedClassNames;
import org.kinspect.graph.base.TimeFoldingLayer;
import org.kinspect.graph.base.UnsupportedLayerOption;

/**
 * Maps Keras's {@code BatchNormalization}. On a 5-D channels-last tensor (a sequence of images out
 * of a ConvLSTM2D, a volume out of a Conv3D: (batch, time, height, width, channels)) Keras
 * normalises the last axis, while DL4J's layer reads a 5-D array with the channels on axis 1 and
 * fails or computes over the wrong axis. kinspect gives this mapper to a BatchNormalization whose
 * input it knows to be 5-D ({@link org.kinspect.graph.layers.TimeDistributedStepsMapper#rename});
 * there the DL4J layer runs on every vector of the last
 * axis ({@link TimeFoldingLayer.Mode#LAST_AXIS}). On other inputs it is DL4J's mapper unchanged.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("kinspect.BatchNormalization", VolumeBatchNormalizationMapper.class);
 * }</pre>
 */
public class VolumeBatchNormalizationMapper extends KerasBatchNormalization {
    private final Object axis;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for settings DL4J's BatchNormalization lacks
     */
    public VolumeBatchNormalizationMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(withoutInboundNodes(ReplacedClassNames.underKerasName(layerConfig)), false);
        setInboundLayerNames(KerasLayerUtils.getInboundLayerNamesFromConfig(layerConfig, conf));
        this.axis = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf).get("axis");
    }

    /**
     * DL4J's constructor looks up the layer before this one among the layers mapped so far to pick
     * a 2-D image layout, and a registered mapper is not given them; this one is only used on 5-D
     * tensors, where that layout plays no part. The layer's inputs are set again after it.
     */
    private static Map<String, Object> withoutInboundNodes(Map<String, Object> layerConfig) {
        Map<String, Object> copy = new LinkedHashMap<>(layerConfig);
        copy.remove("inbound_nodes");
        return copy;
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws InvalidKerasConfigurationException {
        if (!onVolume(inputType)) {
            return super.getOutputType(inputType);
        }
        InputType.InputTypeConvolutional3D volume = (InputType.InputTypeConvolutional3D) inputType[0];
        boolean channelsLast = volume.getDataFormat() == Convolution3D.DataFormat.NDHWC || volume.getDataFormat() == null;
        if (!channelsLast || !lastAxis(axis)) {
            String why = "BatchNormalization '" + layerName + "' over axis " + axis + " of a 5-D "
                    + (channelsLast ? "channels-last" : "channels-first") + " tensor is not supported; only the last"
                    + " axis of a channels-last one is";
            throw new InvalidKerasConfigurationException(why, new UnsupportedLayerOption(why));
        }
        if (!(layer instanceof TimeFoldingLayer)) {
            layer = new TimeFoldingLayer(getBatchNormalizationLayer(), TimeFoldingLayer.Mode.LAST_AXIS, false);
            layer.setLayerName(layerName);
        }
        return layer.getOutputType(-1, volume);
    }

    @Override
    public InputPreProcessor getInputPreprocessor(InputType... inputType) throws InvalidKerasConfigurationException {
        return onVolume(inputType) ? null : super.getInputPreprocessor(inputType);
    }

    private static boolean onVolume(InputType... inputType) {
        return inputType.length == 1 && inputType[0] instanceof InputType.InputTypeConvolutional3D;
    }

    /** Keras writes the last axis of a 5-D tensor as -1 or 4, or a list holding one of them (Keras 3). */
    private static boolean lastAxis(Object axis) {
        Object single = axis instanceof List<?> list && list.size() == 1 ? list.get(0) : axis;
        return single instanceof Number number && (number.intValue() == -1 || number.intValue() == 4);
    }
}
