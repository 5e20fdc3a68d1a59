package org.kinspect.graph.layers;

import static java.util.Map.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.kinspect.graph.activations.PreluMapper;
import org.kinspect.graph.activations.SoftmaxMapper;
import org.kinspect.graph.attention.AttentionMapper;
import org.kinspect.graph.attention.GroupQueryAttentionMapper;
import org.kinspect.graph.attention.MultiHeadAttentionMapper;
import org.kinspect.graph.base.ReplacedClassNames;
import org.kinspect.graph.convolution.BidirectionalConvolutionalLstmMapper;
import org.kinspect.graph.convolution.ConvolutionalLstmMapper;
import org.kinspect.graph.convolution.DepthwiseConvolutionMapper;
import org.kinspect.graph.convolution.SeparableConvolutionMapper;
import org.kinspect.graph.convolution.SequenceConvolutionMapper;
import org.kinspect.graph.normalization.NormalizationMapper;
import org.kinspect.graph.normalization.VolumeBatchNormalizationMapper;
import org.kinspect.graph.operations.OperationLayerMapper;
import org.kinspect.graph.pooling.AdaptivePoolingMapper;
import org.kinspect.graph.pooling.AveragePooling1DMapper;
import org.kinspect.graph.pooling.GlobalPooling1DMapper;
import org.kinspect.graph.pooling.GlobalPooling3DMapper;
import org.kinspect.graph.preprocessing.CenterCropMapper;
import org.kinspect.graph.preprocessing.RandomCropMapper;
import org.kinspect.graph.preprocessing.ResizingMapper;
import org.kinspect.graph.recurrent.CudnnGruMapper;
import org.kinspect.graph.recurrent.CudnnLstmMapper;
import org.kinspect.graph.recurrent.GruMapper;
import org.kinspect.graph.reshaping.ReshapingMapper;

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
            entry("GRU", GruMapper.class),
            entry("CuDNNGRU", CudnnGruMapper.class),
            entry("CuDNNLSTM", CudnnLstmMapper.class),
            entry(BidirectionalRnnMapper.CLASS_NAME, BidirectionalRnnMapper.class),
            entry(BidirectionalSequencesMapper.CLASS_NAME, BidirectionalSequencesMapper.class),
            entry(SeparableConvolutionMapper.CLASS_NAME, SeparableConvolutionMapper.class),
            entry("Minimum", MinimumMapper.class),
            entry(SoftmaxMapper.CLASS_NAME, SoftmaxMapper.class),
            entry(PreluMapper.CLASS_NAME, PreluMapper.class),
            entry("LayerNormalization", NormalizationMapper.class),
            entry("UnitNormalization", NormalizationMapper.class),
            entry("RMSNormalization", NormalizationMapper.class),
            entry("GroupNormalization", NormalizationMapper.class),
            entry("Rescaling", NormalizationMapper.class),
            entry("Normalization", NormalizationMapper.class),
            entry(ReplacedClassNames.PREFIX + "AveragePooling1D", AveragePooling1DMapper.class),
            entry(ReplacedClassNames.PREFIX + "GlobalAveragePooling3D", GlobalPooling3DMapper.class),
            entry(ReplacedClassNames.PREFIX + "GlobalMaxPooling3D", GlobalPooling3DMapper.class),
            entry(ReplacedClassNames.PREFIX + "GlobalAveragePooling1D", GlobalPooling1DMapper.class),
            entry(ReplacedClassNames.PREFIX + "GlobalMaxPooling1D", GlobalPooling1DMapper.class),
            entry("ActivityRegularization", PassThroughMapper.class),
            entry("Identity", PassThroughMapper.class),
            entry(ReplacedClassNames.IDENTITY_PERMUTE, PassThroughMapper.class),
            entry("RandomFlip", PassThroughMapper.class),
            entry("RandomRotation", PassThroughMapper.class),
            entry("RandomZoom", PassThroughMapper.class),
            entry("RandomTranslation", PassThroughMapper.class),
            entry("RandomContrast", PassThroughMapper.class),
            entry("RandomBrightness", PassThroughMapper.class),
            entry("RandomColorDegeneration", PassThroughMapper.class),
            entry("RandomColorJitter", PassThroughMapper.class),
            entry("RandomErasing", PassThroughMapper.class),
            entry("RandomGaussianBlur", PassThroughMapper.class),
            entry("RandomGrayscale", PassThroughMapper.class),
            entry("RandomHue", PassThroughMapper.class),
            entry("RandomInvert", PassThroughMapper.class),
            entry("RandomPosterization", PassThroughMapper.class),
            entry("RandomSaturation", PassThroughMapper.class),
            entry("RandomSharpness", PassThroughMapper.class),
            entry("Solarization", PassThroughMapper.class),
            entry("AugMix", PassThroughMapper.class),
            entry("CutMix", PassThroughMapper.class),
            entry("MixUp", PassThroughMapper.class),
            entry("RandAugment", PassThroughMapper.class),
            entry("RandomElasticTransform", PassThroughMapper.class),
            entry("RandomPerspective", PassThroughMapper.class),
            entry("RandomShear", PassThroughMapper.class),
            entry("RandomCrop", RandomCropMapper.class),
            entry("EinsumDense", EinsumDenseMapper.class),
            entry("CenterCrop", CenterCropMapper.class),
            entry("Resizing", ResizingMapper.class),
            entry("AdaptiveAveragePooling1D", AdaptivePoolingMapper.class),
            entry("AdaptiveAveragePooling2D", AdaptivePoolingMapper.class),
            entry("AdaptiveAveragePooling3D", AdaptivePoolingMapper.class),
            entry("AdaptiveMaxPooling1D", AdaptivePoolingMapper.class),
            entry("AdaptiveMaxPooling2D", AdaptivePoolingMapper.class),
            entry("AdaptiveMaxPooling3D", AdaptivePoolingMapper.class),
            entry(ReplacedClassNames.PREFIX + "Dense", SequenceDenseMapper.class),
            entry(ReplacedClassNames.PREFIX + "BatchNormalization", VolumeBatchNormalizationMapper.class),
            entry("Attention", AttentionMapper.class),
            entry("AdditiveAttention", AttentionMapper.class),
            entry("MultiHeadAttention", MultiHeadAttentionMapper.class),
            entry("GroupQueryAttention", GroupQueryAttentionMapper.class),
            entry("GroupedQueryAttention", GroupQueryAttentionMapper.class),
            entry(TimeDistributedStepsMapper.CLASS_NAME, TimeDistributedStepsMapper.class),
            entry(OperationLayerMapper.CLASS_NAME, OperationLayerMapper.class),
            entry(DepthwiseConvolutionMapper.CLASS_NAME, DepthwiseConvolutionMapper.class),
            entry("DepthwiseConv1D", SequenceConvolutionMapper.class),
            entry("SeparableConv1D", SequenceConvolutionMapper.class),
            entry("Conv1DTranspose", SequenceConvolutionMapper.class),
            entry("ConvLSTM2D", ConvolutionalLstmMapper.class),
            entry(BidirectionalConvolutionalLstmMapper.CLASS_NAME, BidirectionalConvolutionalLstmMapper.class),
            entry(ReshapingMapper.CLASS_NAME_PREFIX + "ZeroPadding1D", ReshapingMapper.class),
            entry(ReshapingMapper.CLASS_NAME_PREFIX + "Cropping1D", ReshapingMapper.class),
            entry(ReshapingMapper.CLASS_NAME_PREFIX + "UpSampling1D", ReshapingMapper.class),
            entry(ReshapingMapper.CLASS_NAME_PREFIX + "UpSampling2D", ReshapingMapper.class),
            entry(ReshapingMapper.CLASS_NAME_PREFIX + "ZeroPadding3D", ReshapingMapper.class),
            entry(ReshapingMapper.CLASS_NAME_PREFIX + "Cropping3D", ReshapingMapper.class),
            entry(ReshapingMapper.CLASS_NAME_PREFIX + "UpSampling3D", ReshapingMapper.class));

    private KinspectKerasLayers() {}

    /** @return the mappers by Keras class name */
    public static Map<String, Class<? extends KerasLayer>> byClassName() {
        return BY_CLASS_NAME;
    }
}
