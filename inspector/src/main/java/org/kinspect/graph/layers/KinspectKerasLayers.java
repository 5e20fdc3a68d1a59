package org.kinspect.graph.layers;

import static java.util.Map.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.kinspect.graph.activations.KerasPreluLayer;
import org.kinspect.graph.activations.KerasSoftmaxLayer;
import org.kinspect.graph.attention.KerasAttention;
import org.kinspect.graph.attention.KerasGroupQueryAttention;
import org.kinspect.graph.attention.KerasMultiHeadAttention;
import org.kinspect.graph.base.ReplacedClassNames;
import org.kinspect.graph.convolution.KerasBidirectionalConvolutionalLstm;
import org.kinspect.graph.convolution.KerasConvolutionalLstm;
import org.kinspect.graph.convolution.KerasDepthwiseConvolution;
import org.kinspect.graph.convolution.KerasSeparableConvolution;
import org.kinspect.graph.convolution.KerasSequenceConvolution;
import org.kinspect.graph.normalization.KerasNormalization;
import org.kinspect.graph.normalization.KerasVolumeBatchNormalization;
import org.kinspect.graph.operations.KerasOperationLayer;
import org.kinspect.graph.pooling.KerasAdaptivePooling;
import org.kinspect.graph.pooling.KerasAveragePooling1D;
import org.kinspect.graph.pooling.KerasGlobalPooling1D;
import org.kinspect.graph.pooling.KerasGlobalPooling3D;
import org.kinspect.graph.preprocessing.KerasCenterCrop;
import org.kinspect.graph.preprocessing.KerasRandomCrop;
import org.kinspect.graph.preprocessing.KerasResizing;
import org.kinspect.graph.recurrent.KerasCudnnGru;
import org.kinspect.graph.recurrent.KerasCudnnLstm;
import org.kinspect.graph.recurrent.KerasGru;
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
            entry(KerasBidirectionalSequences.CLASS_NAME, KerasBidirectionalSequences.class),
            entry(KerasSeparableConvolution.CLASS_NAME, KerasSeparableConvolution.class),
            entry("Minimum", KerasMinimum.class),
            entry(KerasSoftmaxLayer.CLASS_NAME, KerasSoftmaxLayer.class),
            entry(KerasPreluLayer.CLASS_NAME, KerasPreluLayer.class),
            entry("LayerNormalization", KerasNormalization.class),
            entry("UnitNormalization", KerasNormalization.class),
            entry("RMSNormalization", KerasNormalization.class),
            entry("GroupNormalization", KerasNormalization.class),
            entry("Rescaling", KerasNormalization.class),
            entry("Normalization", KerasNormalization.class),
            entry(ReplacedClassNames.PREFIX + "AveragePooling1D", KerasAveragePooling1D.class),
            entry(ReplacedClassNames.PREFIX + "GlobalAveragePooling3D", KerasGlobalPooling3D.class),
            entry(ReplacedClassNames.PREFIX + "GlobalMaxPooling3D", KerasGlobalPooling3D.class),
            entry(ReplacedClassNames.PREFIX + "GlobalAveragePooling1D", KerasGlobalPooling1D.class),
            entry(ReplacedClassNames.PREFIX + "GlobalMaxPooling1D", KerasGlobalPooling1D.class),
            entry("ActivityRegularization", KerasPassThrough.class),
            entry("Identity", KerasPassThrough.class),
            entry(ReplacedClassNames.IDENTITY_PERMUTE, KerasPassThrough.class),
            entry("RandomFlip", KerasPassThrough.class),
            entry("RandomRotation", KerasPassThrough.class),
            entry("RandomZoom", KerasPassThrough.class),
            entry("RandomTranslation", KerasPassThrough.class),
            entry("RandomContrast", KerasPassThrough.class),
            entry("RandomBrightness", KerasPassThrough.class),
            entry("RandomColorDegeneration", KerasPassThrough.class),
            entry("RandomColorJitter", KerasPassThrough.class),
            entry("RandomErasing", KerasPassThrough.class),
            entry("RandomGaussianBlur", KerasPassThrough.class),
            entry("RandomGrayscale", KerasPassThrough.class),
            entry("RandomHue", KerasPassThrough.class),
            entry("RandomInvert", KerasPassThrough.class),
            entry("RandomPosterization", KerasPassThrough.class),
            entry("RandomSaturation", KerasPassThrough.class),
            entry("RandomSharpness", KerasPassThrough.class),
            entry("Solarization", KerasPassThrough.class),
            entry("AugMix", KerasPassThrough.class),
            entry("CutMix", KerasPassThrough.class),
            entry("MixUp", KerasPassThrough.class),
            entry("RandAugment", KerasPassThrough.class),
            entry("RandomElasticTransform", KerasPassThrough.class),
            entry("RandomPerspective", KerasPassThrough.class),
            entry("RandomShear", KerasPassThrough.class),
            entry("RandomCrop", KerasRandomCrop.class),
            entry("EinsumDense", KerasEinsumDense.class),
            entry("CenterCrop", KerasCenterCrop.class),
            entry("Resizing", KerasResizing.class),
            entry("AdaptiveAveragePooling1D", KerasAdaptivePooling.class),
            entry("AdaptiveAveragePooling2D", KerasAdaptivePooling.class),
            entry("AdaptiveAveragePooling3D", KerasAdaptivePooling.class),
            entry("AdaptiveMaxPooling1D", KerasAdaptivePooling.class),
            entry("AdaptiveMaxPooling2D", KerasAdaptivePooling.class),
            entry("AdaptiveMaxPooling3D", KerasAdaptivePooling.class),
            entry(ReplacedClassNames.PREFIX + "Dense", KerasSequenceDense.class),
            entry(ReplacedClassNames.PREFIX + "BatchNormalization", KerasVolumeBatchNormalization.class),
            entry("Attention", KerasAttention.class),
            entry("AdditiveAttention", KerasAttention.class),
            entry("MultiHeadAttention", KerasMultiHeadAttention.class),
            entry("GroupQueryAttention", KerasGroupQueryAttention.class),
            entry("GroupedQueryAttention", KerasGroupQueryAttention.class),
            entry(KerasTimeDistributedSteps.CLASS_NAME, KerasTimeDistributedSteps.class),
            entry(KerasOperationLayer.CLASS_NAME, KerasOperationLayer.class),
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
