package org.kinspect.graph.layers;

import java.util.List;
import java.util.Map;
import org.kinspect.graph.base.ReplacedClassNames;
import org.kinspect.graph.convolution.BidirectionalConvolutionalLstmMapper;
import org.kinspect.graph.convolution.DepthwiseConvolutionMapper;
import org.kinspect.graph.convolution.SeparableConvolutionMapper;
import org.kinspect.graph.reshaping.ReshapingMapper;

/**
 * Points DL4J's importer at kinspect's mappers for Keras classes DL4J maps itself before it looks
 * at registered layers, wrongly: its DepthwiseConv2D mapper fails, its Bidirectional does not take
 * a ConvLSTM2D; its 1D padding, cropping and upsampling, its bilinear UpSampling2D, its
 * channels_last 3D padding and cropping, its UpSampling3D of unequal factors and its
 * AveragePooling1D (a max pooling) compute wrongly; its Softmax and PReLU ignore their axis and
 * weights; its Dense on a sequence and its GlobalPooling1D declare the wrong output type; its Permute
 * refuses a permutation that keeps every axis where it is ({@code Permute((1, 2))} on a sequence),
 * which gives its input back (each mapper says more). Such layers get kinspect's class name ({@value ReplacedClassNames#PREFIX}
 * and the Keras name), under which {@link KinspectKerasLayers} registers the mapper.
 *
 * <pre>{@code
 * OverriddenMappers.prepare(layers); // the layer list DL4J will read
 * }</pre>
 */
public final class OverriddenMappers {

    private OverriddenMappers() {}

    /**
     * @param layers the layer list DL4J will read, changed in place
     */
    @SuppressWarnings("unchecked")
    public static void prepare(List<Object> layers) {
        for (Object layerObject : layers) {
            if (layerObject instanceof Map<?, ?> map && map.get("config") instanceof Map<?, ?> config) {
                String kinspectName = kinspectClassName(String.valueOf(map.get("class_name")), config);
                if (kinspectName != null) {
                    ((Map<String, Object>) map).put("class_name", kinspectName);
                }
                if ("TimeDistributed".equals(map.get("class_name")) && config.get("layer") instanceof Map<?, ?> wrapped
                        && wrapped.get("config") instanceof Map<?, ?> wrappedConfig) {
                    // DL4J unwraps a TimeDistributed over vectors and maps the wrapped layer alone: its
                    // mapper must be kinspect's too (a Dense per step gives a sequence, not vectors)
                    String wrappedName = kinspectClassName(String.valueOf(wrapped.get("class_name")), wrappedConfig);
                    if (wrappedName != null) {
                        ((Map<String, Object>) wrapped).put("class_name", wrappedName);
                    }
                }
            }
        }
    }

    private static String kinspectClassName(String className, Map<?, ?> config) {
        return switch (className) {
            case "DepthwiseConv2D" -> DepthwiseConvolutionMapper.CLASS_NAME;
            case "SeparableConv2D" -> SeparableConvolutionMapper.CLASS_NAME;
            case "Bidirectional" -> config.get("layer") instanceof Map<?, ?> wrapped
                    ? switch (String.valueOf(wrapped.get("class_name"))) {
                        case "ConvLSTM2D" -> BidirectionalConvolutionalLstmMapper.CLASS_NAME;
                        case "LSTM", "SimpleRNN" -> BidirectionalSequencesMapper.CLASS_NAME;
                        default -> null;
                    }
                    : null;
            case "ZeroPadding1D", "Cropping1D", "UpSampling1D", "ZeroPadding3D", "Cropping3D", "UpSampling3D" ->
                    ReshapingMapper.CLASS_NAME_PREFIX + className;
            // a Permute of a sequence is an operation layer by now (config/PermuteOperations)
            case "Permute" -> isIdentity(config.get("dims")) ? ReplacedClassNames.IDENTITY_PERMUTE : null;
            case "UpSampling2D" -> "bilinear".equals(config.get("interpolation"))
                    ? ReshapingMapper.CLASS_NAME_PREFIX + className : null;
            case "Softmax", "PReLU", "Dense", "AveragePooling1D", "GlobalAveragePooling1D", "GlobalMaxPooling1D",
                    "GlobalAveragePooling3D", "GlobalMaxPooling3D" -> ReplacedClassNames.PREFIX + className;
            default -> null;
        };
    }

    /** @return true for Permute dims that keep every axis in place: {@code [1]}, {@code [1, 2]}, {@code [1, 2, 3]}... */
    private static boolean isIdentity(Object dims) {
        if (!(dims instanceof List<?> axes) || axes.isEmpty()) {
            return false;
        }
        for (int i = 0; i < axes.size(); i++) {
            if (!(axes.get(i) instanceof Number axis) || axis.intValue() != i + 1) {
                return false;
            }
        }
        return true;
    }
}
