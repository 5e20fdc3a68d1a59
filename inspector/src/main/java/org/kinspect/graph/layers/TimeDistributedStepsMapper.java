package org.kinspect.graph.layers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.catalog.KerasClass.Trait;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.catalog.Recurrence;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.graph.base.InvalidLayerConfiguration;
import org.kinspect.graph.base.ReplacedClassNames;
import org.kinspect.graph.base.TimeFoldingLayer;
import org.kinspect.graph.base.UnsupportedLayerOption;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps a Keras {@code TimeDistributed} whose steps are not vectors (its input is a sequence of
 * images, (batch, time, height, width, channels), or of sequences, (batch, time, steps, features))
 * to a {@link TimeFoldingLayer} around the wrapped layer: convolutions, pooling, global pooling,
 * recurrent layers (also Bidirectional), Dense (on the last axis), BatchNormalization,
 * Activation, Dropout, and Flatten. DL4J's importer unwraps every TimeDistributed and runs the wrapped layer on the whole
 * input, which it cannot; a TimeDistributed over a sequence of vectors (a Dense on (batch, time,
 * features)) stays DL4J's.
 *
 * <pre>{@code
 * TimeDistributedStepsMapper.rename(layers, spec); // before DL4J reads the configuration
 * }</pre>
 */
public class TimeDistributedStepsMapper extends KerasLayer {
    /** The class name the configuration gives these wrappers for DL4J's importer. */
    public static final String CLASS_NAME = "kinspect.TimeDistributedSteps";

    private final KerasLayer wrapped;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is malformed
     * @throws UnsupportedKerasConfigurationException for a wrapped layer not supported on images
     */
    @SuppressWarnings("unchecked")
    public TimeDistributedStepsMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> config = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        if (!(config.get("layer") instanceof Map<?, ?> inner) || !(inner.get("config") instanceof Map<?, ?> innerConfig)) {
            throw new InvalidLayerConfiguration("TimeDistributed '" + layerName + "' has no 'layer' configuration");
        }
        String innerClass = String.valueOf(inner.get("class_name"));
        if ("channels_first".equals(innerConfig.get("data_format"))) {
            throw new UnsupportedLayerOption("TimeDistributed '" + layerName + "' of a channels_first " + innerClass
                    + " is not supported");
        }
        Layer underlying;
        TimeFoldingLayer.Mode mode;
        if (innerClass.equals("Flatten")) {
            this.wrapped = null;
            underlying = new ActivationLayer.Builder().activation(Activation.IDENTITY).name(layerName).build();
            mode = TimeFoldingLayer.Mode.FLATTENED_STEPS;
        } else {
            Map<String, Object> copy = new HashMap<>((Map<String, Object>) inner);
            Map<String, Object> copyConfig = new HashMap<>((Map<String, Object>) innerConfig);
            copyConfig.put("name", layerName); // the wrapped layer's weights are stored under the wrapper's name
            copy.put("config", copyConfig);
            copy.put(conf.getLAYER_FIELD_KERAS_VERSION(), kerasMajorVersion);
            OverriddenMappers.prepare(List.of(copy)); // kinspect's mappers where DL4J's are wrong
            this.wrapped = innerClass.equals("Bidirectional") && BidirectionalRnnMapper.wrapsOneOf(copyConfig)
                    ? new BidirectionalRnnMapper(copy)
                    : KerasLayerUtils.getKerasLayerFromConfig(copy, false, conf, KinspectKerasLayers.byClassName(),
                            Map.of(), Map.of());
            underlying = wrapped.getLayer();
            if (underlying == null) {
                throw new UnsupportedLayerOption("TimeDistributed '" + layerName + "' of a " + innerClass
                        + " on a sequence of images or sequences is not supported");
            }
            // Both act on the last axis alone: Keras's Dense on more axes, BatchNormalization(axis=-1).
            boolean lastAxis = underlying instanceof DenseLayer || underlying instanceof BatchNormalization;
            if (underlying instanceof BatchNormalization && !lastAxis(innerConfig.get("axis"))) {
                throw new UnsupportedLayerOption("TimeDistributed '" + layerName + "' of a BatchNormalization over axis "
                        + innerConfig.get("axis") + " is not supported; only the last axis is");
            }
            mode = lastAxis ? TimeFoldingLayer.Mode.LAST_AXIS : TimeFoldingLayer.Mode.STEPS;
        }
        this.layer = new TimeFoldingLayer(underlying, mode, readsChannelsFirst(underlying, innerClass));
        this.layer.setLayerName(layerName);
    }

    /** Keras writes the axis as -1, or [-1] (Keras 3 lists may hold one axis). */
    private static boolean lastAxis(Object axis) {
        Object single = axis instanceof List<?> list && list.size() == 1 ? list.get(0) : axis;
        return single instanceof Number number && number.intValue() == -1;
    }

    /** Whether the DL4J layer reads its input channels first (NCHW, NCW); refuses layers not known to work per step. */
    private boolean readsChannelsFirst(Layer underlying, String innerClass) throws UnsupportedLayerOption {
        if (underlying instanceof Convolution1DLayer convolution) {
            return convolution.getRnnDataFormat() == RNNFormat.NCW;
        }
        if (underlying instanceof ConvolutionLayer convolution) {
            return convolution.getCnn2dDataFormat() == CNN2DFormat.NCHW;
        }
        if (underlying instanceof SubsamplingLayer pooling) {
            return pooling.getCnn2dDataFormat() == CNN2DFormat.NCHW;
        }
        if (underlying instanceof GlobalPoolingLayer pooling && pooling.getPoolingDimensions() != null
                && pooling.getPoolingDimensions().length > 0) {
            // pooled over the axes after the channels, or before them
            return pooling.getPoolingDimensions()[0] == 2;
        }
        if (underlying instanceof BaseRecurrentLayer recurrent) {
            return recurrent.getRnnDataFormat() == RNNFormat.NCW;
        }
        if (underlying instanceof Bidirectional bidirectional) {
            return bidirectional.getRNNDataFormat() == RNNFormat.NCW;
        }
        if (underlying instanceof BaseWrapperLayer wrapper) { // LastTimeStep, MaskZeroLayer
            return readsChannelsFirst(wrapper.getUnderlying(), innerClass);
        }
        if (underlying instanceof ActivationLayer || underlying instanceof DropoutLayer
                || underlying instanceof DenseLayer || underlying instanceof BatchNormalization) {
            return false; // element-wise, or on the last axis
        }
        throw new UnsupportedLayerOption("TimeDistributed '" + layerName + "' of a " + innerClass
                + " on a sequence of images or sequences is not supported");
    }

    @Override
    public InputType getOutputType(InputType... inputTypes) throws InvalidKerasConfigurationException {
        if (inputTypes.length != 1) {
            throw new InvalidLayerConfiguration("TimeDistributed '" + layerName + "' reads " + inputTypes.length
                    + " tensors; it takes one");
        }
        try {
            return layer.getOutputType(-1, inputTypes[0]);
        } catch (IllegalStateException e) {
            throw new InvalidLayerConfiguration(e.getMessage());
        }
    }

    @Override
    public InputPreProcessor getInputPreprocessor(InputType... inputTypes) {
        return null; // the layer folds time itself
    }

    @Override
    public int getNumParams() {
        return wrapped == null ? 0 : wrapped.getNumParams();
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) throws InvalidKerasConfigurationException {
        if (wrapped != null) {
            wrapped.setWeights(weights);
            this.weights = wrapped.getWeights();
        }
    }

    /** Whether the wrapped layer makes each step a vector: Flatten, global pooling, an RNN returning its last output. */
    private static boolean stepBecomesVector(Map<?, ?> wrapped) {
        String className = String.valueOf(wrapped.get("class_name"));
        if (KerasClasses.has(className, Trait.MAKES_VECTORS)) {
            return true;
        }
        Map<?, ?> config = wrapped.get("config") instanceof Map<?, ?> map ? map : Map.of();
        if (className.equals("Bidirectional") && config.get("layer") instanceof Map<?, ?> forward
                && forward.get("config") instanceof Map<?, ?> forwardConfig) {
            return !Boolean.TRUE.equals(forwardConfig.get("return_sequences"));
        }
        return KerasClasses.is(className, Recurrence::isVectorLayer) && !Boolean.TRUE.equals(config.get("return_sequences"));
    }

    /**
     * Whether Keras 3 built the wrapped layer for steps of more than one axis: its {@code build_config}
     * records the shape of one step, (batch, ...step). Keras 2 files do not record it.
     */
    private static boolean stepsAreNotVectors(LayerSpec layer) {
        return layer.config().get("layer") instanceof Map<?, ?> wrapped
                && wrapped.get("build_config") instanceof Map<?, ?> build
                && build.get("input_shape") instanceof List<?> stepShape && stepShape.size() >= 3;
    }

    /**
     * Gives {@value #CLASS_NAME} to every TimeDistributed whose steps are not vectors: one around a
     * layer that reads an image or a sequence (a convolution, pooling, a recurrent layer), whatever
     * feeds it; or one that reads a tensor known to be a sequence of images or of sequences: a 4-D or
     * 5-D model input or Reshape, a ConvLSTM2D returning sequences, a 3D convolution, pooling,
     * padding, cropping or upsampling, such a TimeDistributed that keeps its steps so, one Keras 3
     * built for such steps (its {@code build_config}), and any of these through layers that keep the
     * shape of what they read (merges, normalisation, Dropout, noise, activations). A BatchNormalization on a 5-D tensor gets kinspect's mapper
     * ({@code VolumeBatchNormalizationMapper}).
     *
     * @param layers the layer list DL4J will read, changed in place
     * @param spec the model
     */
    @SuppressWarnings("unchecked")
    public static void rename(List<Object> layers, ModelSpec spec) {
        Map<String, Integer> ranks = new HashMap<>(); // sequences of images (5) or of sequences (4)
        Map<String, String> renamed = new HashMap<>();
        for (LayerSpec layer : spec.layers()) {
            Integer inputRank = layer.inboundLayers().isEmpty() ? null : ranks.get(layer.inboundLayers().get(0));
            if (layer.isInput() && layer.config().get("batch_input_shape") instanceof List<?> shape
                    && (shape.size() == 4 || shape.size() == 5)) {
                ranks.put(layer.name(), shape.size());
            } else if ("Reshape".equals(layer.className()) && layer.config().get("target_shape") instanceof List<?> shape
                    && (shape.size() == 3 || shape.size() == 4)) {
                ranks.put(layer.name(), shape.size() + 1); // (batch, ...target_shape)
            } else if (KerasClasses.has(layer.className(), Trait.KEEPS_VOLUMES) || "ConvLSTM2D".equals(layer.className())
                    && Boolean.TRUE.equals(layer.config().get("return_sequences"))
                    || "Bidirectional".equals(layer.className()) && wrapsConvolutionalLstmSequences(layer.config())) {
                ranks.put(layer.name(), 5); // (batch, time or depth, height, width, channels)
            } else if (KerasClasses.has(layer.className(), Trait.KEEPS_SHAPE) && inputRank != null
                    && layer.inboundLayers().stream().allMatch(ranks::containsKey)) {
                ranks.put(layer.name(), inputRank); // a merge inside a TimeDistributed model, applied to the sequence
                if ("BatchNormalization".equals(layer.className()) && inputRank == 5) {
                    // DL4J's reads the channels of a 5-D tensor on axis 1, Keras's on the last
                    renamed.put(layer.name(), ReplacedClassNames.PREFIX + layer.className());
                }
            } else if ("TimeDistributed".equals(layer.className()) && (inputRank != null || readsNonVectorSteps(layer) || stepsAreNotVectors(layer))) {
                renamed.put(layer.name(), CLASS_NAME);
                if (inputRank != null
                        && (!(layer.config().get("layer") instanceof Map<?, ?> wrapped) || !stepBecomesVector(wrapped))) {
                    ranks.put(layer.name(), inputRank);
                }
            }
        }
        for (Object layer : layers) {
            Map<String, Object> map = (Map<String, Object>) layer;
            if (map.get("config") instanceof Map<?, ?> config && renamed.containsKey(String.valueOf(config.get("name")))
                    && !String.valueOf(map.get("class_name")).startsWith(ReplacedClassNames.PREFIX)) {
                map.put("class_name", renamed.get(String.valueOf(config.get("name"))));
            }
        }
    }

    /** A TimeDistributed around a layer that takes an image or a sequence reads a sequence of them. */
    private static boolean readsNonVectorSteps(LayerSpec timeDistributed) {
        return timeDistributed.config().get("layer") instanceof Map<?, ?> wrapped
                && (KerasClasses.has(String.valueOf(wrapped.get("class_name")), Trait.READS_GRIDS)
                        || KerasClasses.is(String.valueOf(wrapped.get("class_name")), Recurrence::isVectorLayer));
    }

    private static boolean wrapsConvolutionalLstmSequences(Map<String, Object> bidirectional) {
        return bidirectional.get("layer") instanceof Map<?, ?> wrapped && "ConvLSTM2D".equals(wrapped.get("class_name"))
                && wrapped.get("config") instanceof Map<?, ?> config && Boolean.TRUE.equals(config.get("return_sequences"));
    }
}
