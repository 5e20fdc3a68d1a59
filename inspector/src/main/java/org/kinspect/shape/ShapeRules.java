package org.kinspect.shape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.OperationLayers;

/**
 * The one table from a Keras class name (aliases included) to its output-shape rule, as Keras's
 * {@code compute_output_shape} for that class defines it (keras/src/layers/...). A layer in
 * kinspect's operation form ({@code keras.ops} calls, tf.keras op layers) takes the operation's
 * own rule whatever its class, and the identity standing for an inlined nested model passes its
 * input on whatever class it is shown as.
 *
 * <pre>{@code
 * ShapeRules.forLayer(layer).orElseThrow().outputs(layer, inputShapes);
 * ShapeRules.classNames();  // every class with a rule
 * }</pre>
 */
public final class ShapeRules {
    private static final ShapeRule PASS_THROUGH = new PassThroughRule();
    private static final ShapeRule OPERATION = new OperationRule();
    private static final Map<String, ShapeRule> BY_CLASS_NAME = new LinkedHashMap<>();

    static {
        add(InputRules::input, "InputLayer");
        add(InputRules::lambda, "Lambda");
        // Same shape out as in: activations, normalisation, regularisation, augmentation at inference,
        // and the identity that stands for an inlined nested model (named after the model's class).
        add(PASS_THROUGH, "Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "ThresholdedReLU", "Softmax",
                "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise",
                "GaussianDropout", "AlphaDropout", "ActivityRegularization", "Identity", "Masking",
                "BatchNormalization", "LayerNormalization", "UnitNormalization", "RMSNormalization",
                "GroupNormalization", "Rescaling", "Normalization",
                "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
                "RandomBrightness", "RandomColorDegeneration", "RandomColorJitter", "RandomErasing",
                "RandomGaussianBlur", "RandomGrayscale", "RandomHue", "RandomInvert", "RandomPosterization",
                "RandomSaturation", "RandomSharpness", "RandomElasticTransform", "RandomPerspective", "RandomShear",
                "Solarization", "AugMix", "CutMix", "MixUp", "RandAugment",
                "Sequential", "Functional", "Model");
        add(DenseRules::dense, "Dense", "TimeDistributedDense");
        add(DenseRules::einsumDense, "EinsumDense");
        add(DenseRules::embedding, "Embedding");
        add(ConvolutionRules.convolution(1), "Conv1D", "Convolution1D", "AtrousConvolution1D", "SeparableConv1D",
                "SeparableConvolution1D", "DepthwiseConv1D");
        add(ConvolutionRules.convolution(2), "Conv2D", "Convolution2D", "AtrousConvolution2D", "SeparableConv2D",
                "SeparableConvolution2D", "DepthwiseConv2D");
        add(ConvolutionRules.convolution(3), "Conv3D", "Convolution3D");
        add(ConvolutionRules.transposed(1), "Conv1DTranspose", "Convolution1DTranspose");
        add(ConvolutionRules.transposed(2), "Conv2DTranspose", "Convolution2DTranspose", "Deconvolution2D");
        add(ConvolutionRules.transposed(3), "Conv3DTranspose", "Convolution3DTranspose", "Deconvolution3D");
        add(PoolingRules.windowed(1), "MaxPooling1D", "MaxPool1D", "AveragePooling1D", "AvgPool1D");
        add(PoolingRules.windowed(2), "MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AvgPool2D");
        add(PoolingRules.windowed(3), "MaxPooling3D", "MaxPool3D", "AveragePooling3D", "AvgPool3D");
        add(PoolingRules.global(1), "GlobalMaxPooling1D", "GlobalMaxPool1D", "GlobalAveragePooling1D",
                "GlobalAvgPool1D");
        add(PoolingRules.global(2), "GlobalMaxPooling2D", "GlobalMaxPool2D", "GlobalAveragePooling2D",
                "GlobalAvgPool2D");
        add(PoolingRules.global(3), "GlobalMaxPooling3D", "GlobalMaxPool3D", "GlobalAveragePooling3D",
                "GlobalAvgPool3D");
        add(PoolingRules.adaptive(1), "AdaptiveAveragePooling1D", "AdaptiveMaxPooling1D");
        add(PoolingRules.adaptive(2), "AdaptiveAveragePooling2D", "AdaptiveMaxPooling2D");
        add(PoolingRules.adaptive(3), "AdaptiveAveragePooling3D", "AdaptiveMaxPooling3D");
        add(RecurrentRules.recurrent(1), "SimpleRNN", "GRU", "CuDNNGRU");
        add(RecurrentRules.recurrent(2), "LSTM", "CuDNNLSTM");
        add(RecurrentRules::convolutionalLstm, "ConvLSTM2D");
        add(RecurrentRules::bidirectional, "Bidirectional");
        add(WrapperRules::timeDistributed, "TimeDistributed");
        add(AttentionRules::dotProduct, "Attention", "AdditiveAttention");
        add(AttentionRules::multiHead, "MultiHeadAttention");
        add(AttentionRules::groupQuery, "GroupQueryAttention", "GroupedQueryAttention");
        add(ReshapingRules::reshape, "Reshape");
        add(ReshapingRules::flatten, "Flatten");
        add(ReshapingRules::permute, "Permute");
        add(ReshapingRules::repeatVector, "RepeatVector");
        add(ReshapingRules.padding(1), "ZeroPadding1D");
        add(ReshapingRules.padding(2), "ZeroPadding2D");
        add(ReshapingRules.padding(3), "ZeroPadding3D");
        add(ReshapingRules.cropping(1), "Cropping1D");
        add(ReshapingRules.cropping(2), "Cropping2D");
        add(ReshapingRules.cropping(3), "Cropping3D");
        add(ReshapingRules.upsampling(1), "UpSampling1D");
        add(ReshapingRules.upsampling(2), "UpSampling2D");
        add(ReshapingRules.upsampling(3), "UpSampling3D");
        add(ReshapingRules::toConfiguredSize, "Resizing", "CenterCrop", "RandomCrop");
        add(MergeRules::elementWise, "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum");
        add(MergeRules::concatenate, "Concatenate");
        add(MergeRules::dot, "Dot");
        add(MergeRules::keras1Merge, "Merge");
        // tf.keras op layers always reach the shape model in kinspect's operation form.
        add(OPERATION, "TFOpLambda", "SlicingOpLambda", "TensorFlowOpLayer");
    }

    private ShapeRules() {}

    private static void add(ShapeRule rule, String... classNames) {
        for (String className : classNames) {
            if (BY_CLASS_NAME.put(className, rule) != null) {
                throw new IllegalStateException("two shape rules for " + className);
            }
        }
    }

    /**
     * @param layer a layer of a normalised model
     * @return its rule: the operation's for a layer in operation form, else its class's; empty for a
     *     class without one (a custom layer)
     */
    public static Optional<ShapeRule> forLayer(LayerSpec layer) {
        if (layer.notes().isOperation()) {
            return Optional.of(OPERATION);
        }
        if (layer.standsForNestedModel()) {
            return Optional.of(PASS_THROUGH); // the identity giving an inlined model's output, under the model's class
        }
        return forClass(layer.className());
    }

    /**
     * @param className a Keras class name
     * @return its rule, if kinspect knows one
     */
    public static Optional<ShapeRule> forClass(String className) {
        return Optional.ofNullable(BY_CLASS_NAME.get(className));
    }

    /** @return every class name with a rule */
    public static Set<String> classNames() {
        return BY_CLASS_NAME.keySet();
    }
}
