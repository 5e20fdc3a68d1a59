package org.kinspect.graph.layers;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps a Keras {@code TimeDistributed} whose steps are images (its input is (batch, time, height,
 * width, channels)) to a {@link TimeFoldingLayer} around the wrapped layer: Conv2D and the other
 * convolutions, 2D pooling, global 2D pooling, Activation, Dropout, and Flatten. DL4J's importer unwraps every
 * TimeDistributed and runs the wrapped layer on the whole 5-D input, which it cannot; a
 * TimeDistributed over a sequence of vectors (a Dense on (batch, time, features)) stays DL4J's.
 *
 * <pre>{@code
 * KerasTimeDistributedImages.rename(layers, spec); // before DL4J reads the configuration
 * }</pre>
 */
public class KerasTimeDistributedImages extends KerasLayer {
    /** The class name the configuration gives these wrappers for DL4J's importer. */
    public static final String CLASS_NAME = "kinspect.TimeDistributedImages";
    // Wrapped layers whose step output is a vector: the wrappers after them see a sequence of vectors.
    private static final Set<String> TO_VECTORS = Set.of("Flatten", "GlobalAveragePooling2D", "GlobalMaxPooling2D");

    private final KerasLayer wrapped;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is malformed
     * @throws UnsupportedKerasConfigurationException for a wrapped layer not supported on images
     */
    @SuppressWarnings("unchecked")
    public KerasTimeDistributedImages(Map<String, Object> layerConfig)
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
        boolean flatten = innerClass.equals("Flatten");
        if (flatten) {
            this.wrapped = null;
            underlying = new ActivationLayer.Builder().activation(Activation.IDENTITY).name(layerName).build();
        } else {
            Map<String, Object> copy = new HashMap<>((Map<String, Object>) inner);
            Map<String, Object> copyConfig = new HashMap<>((Map<String, Object>) innerConfig);
            copyConfig.put("name", layerName); // the wrapped layer's weights are stored under the wrapper's name
            copy.put("config", copyConfig);
            copy.put(conf.getLAYER_FIELD_KERAS_VERSION(), kerasMajorVersion);
            this.wrapped = KerasLayerUtils.getKerasLayerFromConfig(copy, false, conf,
                    KinspectKerasLayers.byClassName(), Map.of(), Map.of());
            underlying = wrapped.getLayer();
        }
        this.layer = new TimeFoldingLayer(underlying, stepFormat(underlying, innerClass), flatten);
        this.layer.setLayerName(layerName);
    }

    private CNN2DFormat stepFormat(Layer underlying, String innerClass) throws UnsupportedLayerOption {
        if (underlying instanceof ConvolutionLayer convolution) {
            return convolution.getCnn2dDataFormat();
        }
        if (underlying instanceof SubsamplingLayer pooling) {
            return pooling.getCnn2dDataFormat();
        }
        if (underlying instanceof GlobalPoolingLayer pooling && pooling.getPoolingDimensions() != null
                && pooling.getPoolingDimensions().length == 2) {
            // pooled over height and width: axes 1, 2 of channels-last images, 2, 3 of channels-first
            return pooling.getPoolingDimensions()[0] == 1 ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
        }
        if (underlying instanceof ActivationLayer || underlying instanceof DropoutLayer) {
            return CNN2DFormat.NHWC; // element-wise: any layout
        }
        throw new UnsupportedLayerOption("TimeDistributed '" + layerName + "' of a " + innerClass
                + " on a sequence of images is not supported");
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

    /**
     * Gives {@value #CLASS_NAME} to every TimeDistributed whose input is a sequence of images: one
     * read from a 5-D model input, or from such a TimeDistributed that keeps its steps images.
     *
     * @param layers the layer list DL4J will read, changed in place
     * @param spec the model
     */
    @SuppressWarnings("unchecked")
    public static void rename(List<Object> layers, ModelSpec spec) {
        Set<String> imageSequences = new HashSet<>();
        Set<String> renamed = new HashSet<>();
        for (LayerSpec layer : spec.layers()) {
            if (layer.isInput() && layer.config().get("batch_input_shape") instanceof List<?> shape
                    && shape.size() == 5) {
                imageSequences.add(layer.name());
            } else if ("TimeDistributed".equals(layer.className())
                    && layer.inboundLayers().stream().anyMatch(imageSequences::contains)) {
                renamed.add(layer.name());
                Object inner = layer.config().get("layer") instanceof Map<?, ?> wrapped ? wrapped.get("class_name") : null;
                if (!TO_VECTORS.contains(String.valueOf(inner))) {
                    imageSequences.add(layer.name());
                }
            }
        }
        for (Object layer : layers) {
            Map<String, Object> map = (Map<String, Object>) layer;
            if (map.get("config") instanceof Map<?, ?> config && renamed.contains(String.valueOf(config.get("name")))
                    && "TimeDistributed".equals(map.get("class_name"))) {
                map.put("class_name", CLASS_NAME);
            }
        }
    }
}
