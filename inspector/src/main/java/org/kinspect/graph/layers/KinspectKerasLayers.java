package org.kinspect.graph.layers;

import static java.util.Map.entry;

import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.kinspect.graph.activations.KerasPreluLayer;
import org.kinspect.graph.convolution.KerasBidirectionalConvolutionalLstm;
import org.kinspect.graph.convolution.KerasConvolutionalLstm;
import org.kinspect.graph.convolution.KerasDepthwiseConvolution;
import org.kinspect.graph.convolution.KerasSequenceConvolution;
import org.kinspect.graph.activations.KerasSoftmaxLayer;
import org.kinspect.graph.normalization.KerasNormalization;
import org.kinspect.graph.reshaping.KerasReshaping;

/**
 * The Keras layer mappers kinspect adds to DL4J's importer, by the Keras class name they map, for
 * {@code KerasLayer.registerCustomLayer} or as the {@code customLayers} argument of
 * {@code KerasLayerUtils.getKerasLayerFromConfig}. Configurations must first go through
 * {@link RecurrentLayerHints#annotate}.
 *
 * <pre>{@code
 * KinspectKerasLayers.byClassName().forEach(KerasLayer::registerCustomLayer);
 * }</pre>
 */
public final class KinspectKerasLayers {
    // one entry a line, so that mappers added side by side merge cleanly
    private static final Map<String, Class<? extends KerasLayer>> BY_CLASS_NAME = Map.ofEntries(
            entry("GRU", KerasGru.class),
            entry("CuDNNGRU", KerasCudnnGru.class),
            entry("CuDNNLSTM", KerasCudnnLstm.class),
            entry(KerasBidirectionalRnn.CLASS_NAME, KerasBidirectionalRnn.class),
            entry("Minimum", KerasMinimum.class),
            entry(KerasSoftmaxLayer.CLASS_NAME, KerasSoftmaxLayer.class),
            entry(KerasPreluLayer.CLASS_NAME, KerasPreluLayer.class),
            entry("LayerNormalization", KerasNormalization.class),
            entry("UnitNormalization", KerasNormalization.class),
            entry(KerasDepthwiseConvolution.CLASS_NAME, KerasDepthwiseConvolution.class),
            entry("DepthwiseConv1D", KerasSequenceConvolution.class),
            entry("SeparableConv1D", KerasSequenceConvolution.class),
            entry("Conv1DTranspose", KerasSequenceConvolution.class),
            entry("ConvLSTM2D", KerasConvolutionalLstm.class),
            entry(KerasBidirectionalConvolutionalLstm.CLASS_NAME, KerasBidirectionalConvolutionalLstm.class),
            entry(KerasReshaping.CLASS_NAME_PREFIX + "ZeroPadding1D", KerasReshaping.class),
            entry(KerasReshaping.CLASS_NAME_PREFIX + "Cropping1D", KerasReshaping.class),
            entry(KerasReshaping.CLASS_NAME_PREFIX + "UpSampling1D", KerasReshaping.class),
            entry(KerasReshaping.CLASS_NAME_PREFIX + "UpSampling2D", KerasReshaping.class),
            entry(KerasReshaping.CLASS_NAME_PREFIX + "ZeroPadding3D", KerasReshaping.class),
            entry(KerasReshaping.CLASS_NAME_PREFIX + "Cropping3D", KerasReshaping.class),
            entry(KerasReshaping.CLASS_NAME_PREFIX + "UpSampling3D", KerasReshaping.class));

    private KinspectKerasLayers() {}

    /** @return the mappers by Keras class name */
    public static Map<String, Class<? extends KerasLayer>> byClassName() {
        return BY_CLASS_NAME;
    }
}
