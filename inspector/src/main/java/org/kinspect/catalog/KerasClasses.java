package org.kinspect.catalog;

import static org.kinspect.catalog.Family.ACTIVATION_LAYERS;
import static org.kinspect.catalog.Family.ATTENTION;
import static org.kinspect.catalog.Family.CONVOLUTION;
import static org.kinspect.catalog.Family.CORE;
import static org.kinspect.catalog.Family.KERAS_1_AND_2;
import static org.kinspect.catalog.Family.MERGING;
import static org.kinspect.catalog.Family.NORMALIZATION;
import static org.kinspect.catalog.Family.POOLING;
import static org.kinspect.catalog.Family.PREPROCESSING;
import static org.kinspect.catalog.Family.RECURRENT;
import static org.kinspect.catalog.Family.REGULARIZATION;
import static org.kinspect.catalog.Family.RESHAPING;
import static org.kinspect.catalog.Family.STRUCTURE;
import static org.kinspect.catalog.Handling.CONFIGURATION_REWRITE;
import static org.kinspect.catalog.Handling.DL4J_MAPPER;
import static org.kinspect.catalog.Handling.KINSPECT_MAPPER;
import static org.kinspect.catalog.Handling.NOT_IMPORTED;
import static org.kinspect.catalog.Handling.REPLACES_DL4J_MAPPER;
import static org.kinspect.catalog.Support.NO;
import static org.kinspect.catalog.Support.PARTLY;
import static org.kinspect.catalog.Support.REFUSED;
import static org.kinspect.catalog.Support.YES;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.kinspect.catalog.KerasClass.Trait;

/**
 * The catalogue of Keras classes: one row a class, saying how kinspect handles it, what recurrence
 * it runs, which weights it keeps and in what order Keras 3 saves them; and the README's layer
 * coverage table, which is rendered from {@link #coverage()} (a test checks that the README holds
 * exactly that table). Searching this file for a class name finds everything kinspect knows about
 * the class; a new layer is a row here plus its implementation.
 *
 * <pre>{@code
 * KerasClasses.find("MaxPool2D").map(KerasClass::name);        // Optional[MaxPooling2D]: aliases too
 * KerasClasses.is("LSTM", Recurrence::hasVectorStates);       // true
 * KerasClasses.has("Flatten", Trait.VIEW);                    // true
 * }</pre>
 */
public final class KerasClasses {
    // one row a line, so that classes added side by side merge cleanly
    private static final List<KerasClass> CLASSES = List.of(
            KerasClass.of("InputLayer", CORE, YES, DL4J_MAPPER),
            KerasClass.of("Dense", CORE, YES, REPLACES_DL4J_MAPPER).withWeights(WeightLayout.KERNEL_AND_BIAS).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK),
            KerasClass.of("EinsumDense", CORE, PARTLY, KINSPECT_MAPPER).withWeights(WeightLayout.EINSUM).withTraits(Trait.KEEPS_STEPS),
            KerasClass.of("Activation", CORE, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Embedding", CORE, YES, DL4J_MAPPER).withWeights(WeightLayout.EMBEDDING),
            KerasClass.of("Masking", CORE, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS),
            KerasClass.of("Lambda", CORE, PARTLY, CONFIGURATION_REWRITE).withTraits(Trait.HOLDS_CODE, Trait.PASSES_MASK),
            KerasClass.of("Identity", CORE, YES, KINSPECT_MAPPER).withTraits(Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("ReLU", ACTIVATION_LAYERS, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("LeakyReLU", ACTIVATION_LAYERS, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("PReLU", ACTIVATION_LAYERS, YES, REPLACES_DL4J_MAPPER).withWeights(WeightLayout.PRELU).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("ELU", ACTIVATION_LAYERS, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("ThresholdedReLU", ACTIVATION_LAYERS, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Softmax", ACTIVATION_LAYERS, YES, REPLACES_DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Conv1D", CONVOLUTION, YES, DL4J_MAPPER).withWeights(WeightLayout.KERNEL_AND_BIAS).withAliases("Convolution1D", "AtrousConvolution1D").withTraits(Trait.READS_GRIDS, Trait.SEQUENCE_DATA_FORMAT),
            KerasClass.of("Conv2D", CONVOLUTION, YES, DL4J_MAPPER).withWeights(WeightLayout.KERNEL_AND_BIAS).withAliases("Convolution2D").withTraits(Trait.READS_GRIDS),
            KerasClass.of("Conv3D", CONVOLUTION, PARTLY, DL4J_MAPPER).withWeights(WeightLayout.KERNEL_AND_BIAS).withAliases("Convolution3D").withTraits(Trait.KEEPS_VOLUMES),
            KerasClass.of("Conv2DTranspose", CONVOLUTION, PARTLY, DL4J_MAPPER).withWeights(WeightLayout.KERNEL_AND_BIAS).withAliases("Convolution2DTranspose").withTraits(Trait.READS_GRIDS),
            KerasClass.of("Conv1DTranspose", CONVOLUTION, PARTLY, KINSPECT_MAPPER).withWeights(WeightLayout.KERNEL_AND_BIAS).withAliases("Convolution1DTranspose").withTraits(Trait.READS_GRIDS),
            KerasClass.of("Conv3DTranspose", CONVOLUTION, REFUSED, NOT_IMPORTED).withWeights(WeightLayout.KERNEL_AND_BIAS).withAliases("Convolution3DTranspose"),
            KerasClass.of("DepthwiseConv2D", CONVOLUTION, YES, REPLACES_DL4J_MAPPER).withWeights(WeightLayout.DEPTHWISE).withTraits(Trait.READS_GRIDS),
            KerasClass.of("DepthwiseConv1D", CONVOLUTION, PARTLY, KINSPECT_MAPPER).withWeights(WeightLayout.DEPTHWISE).withTraits(Trait.READS_GRIDS),
            KerasClass.of("SeparableConv2D", CONVOLUTION, YES, REPLACES_DL4J_MAPPER).withWeights(WeightLayout.SEPARABLE).withAliases("SeparableConvolution2D").withTraits(Trait.READS_GRIDS),
            KerasClass.of("SeparableConv1D", CONVOLUTION, PARTLY, KINSPECT_MAPPER).withWeights(WeightLayout.SEPARABLE).withAliases("SeparableConvolution1D").withTraits(Trait.READS_GRIDS),
            KerasClass.of("MaxPooling1D", POOLING, YES, DL4J_MAPPER).withAliases("MaxPool1D").withTraits(Trait.READS_GRIDS, Trait.SEQUENCE_DATA_FORMAT),
            KerasClass.of("MaxPooling2D", POOLING, YES, DL4J_MAPPER).withAliases("MaxPool2D").withTraits(Trait.READS_GRIDS),
            KerasClass.of("MaxPooling3D", POOLING, YES, DL4J_MAPPER).withAliases("MaxPool3D").withTraits(Trait.KEEPS_VOLUMES),
            KerasClass.of("AveragePooling1D", POOLING, YES, REPLACES_DL4J_MAPPER).withAliases("AvgPool1D").withTraits(Trait.READS_GRIDS, Trait.SEQUENCE_DATA_FORMAT),
            KerasClass.of("AveragePooling2D", POOLING, YES, DL4J_MAPPER).withAliases("AvgPool2D").withTraits(Trait.READS_GRIDS),
            KerasClass.of("AveragePooling3D", POOLING, YES, DL4J_MAPPER).withAliases("AvgPool3D").withTraits(Trait.KEEPS_VOLUMES),
            KerasClass.of("GlobalMaxPooling1D", POOLING, YES, REPLACES_DL4J_MAPPER).withAliases("GlobalMaxPool1D").withTraits(Trait.READS_GRIDS, Trait.MAKES_VECTORS, Trait.SEQUENCE_DATA_FORMAT),
            KerasClass.of("GlobalMaxPooling2D", POOLING, YES, DL4J_MAPPER).withAliases("GlobalMaxPool2D").withTraits(Trait.READS_GRIDS, Trait.MAKES_VECTORS),
            KerasClass.of("GlobalMaxPooling3D", POOLING, YES, REPLACES_DL4J_MAPPER).withAliases("GlobalMaxPool3D"),
            KerasClass.of("GlobalAveragePooling1D", POOLING, YES, REPLACES_DL4J_MAPPER).withAliases("GlobalAvgPool1D").withTraits(Trait.READS_GRIDS, Trait.MAKES_VECTORS, Trait.SEQUENCE_DATA_FORMAT),
            KerasClass.of("GlobalAveragePooling2D", POOLING, YES, DL4J_MAPPER).withAliases("GlobalAvgPool2D").withTraits(Trait.READS_GRIDS, Trait.MAKES_VECTORS),
            KerasClass.of("GlobalAveragePooling3D", POOLING, YES, REPLACES_DL4J_MAPPER).withAliases("GlobalAvgPool3D"),
            KerasClass.of("AdaptiveAveragePooling1D", POOLING, YES, KINSPECT_MAPPER).withTraits(Trait.SEQUENCE_DATA_FORMAT),
            KerasClass.of("AdaptiveAveragePooling2D", POOLING, YES, KINSPECT_MAPPER),
            KerasClass.of("AdaptiveAveragePooling3D", POOLING, YES, KINSPECT_MAPPER),
            KerasClass.of("AdaptiveMaxPooling1D", POOLING, YES, KINSPECT_MAPPER).withTraits(Trait.SEQUENCE_DATA_FORMAT),
            KerasClass.of("AdaptiveMaxPooling2D", POOLING, YES, KINSPECT_MAPPER),
            KerasClass.of("AdaptiveMaxPooling3D", POOLING, YES, KINSPECT_MAPPER),
            KerasClass.of("SimpleRNN", RECURRENT, YES, DL4J_MAPPER).withRecurrence(Recurrence.SIMPLE_RNN).withWeights(WeightLayout.RECURRENT_IN_CELL),
            KerasClass.of("LSTM", RECURRENT, YES, DL4J_MAPPER).withRecurrence(Recurrence.LSTM).withWeights(WeightLayout.RECURRENT_IN_CELL),
            KerasClass.of("GRU", RECURRENT, YES, KINSPECT_MAPPER).withRecurrence(Recurrence.GRU).withWeights(WeightLayout.RECURRENT_IN_CELL).withTraits(Trait.READS_OWN_ACTIVATION),
            KerasClass.of("Bidirectional", RECURRENT, YES, REPLACES_DL4J_MAPPER).withRecurrence(Recurrence.WRAPPER).withTraits(Trait.READS_GRIDS, Trait.READS_OWN_ACTIVATION),
            KerasClass.of("TimeDistributed", RECURRENT, YES, REPLACES_DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK),
            KerasClass.of("CuDNNLSTM", RECURRENT, YES, KINSPECT_MAPPER).withRecurrence(Recurrence.LSTM),
            KerasClass.of("CuDNNGRU", RECURRENT, YES, KINSPECT_MAPPER).withRecurrence(Recurrence.GRU).withTraits(Trait.READS_OWN_ACTIVATION),
            KerasClass.of("ConvLSTM2D", RECURRENT, YES, KINSPECT_MAPPER).withRecurrence(Recurrence.CONVOLUTIONAL).withWeights(WeightLayout.RECURRENT_IN_CELL),
            KerasClass.of("ConvLSTM1D", RECURRENT, NO, NOT_IMPORTED).withRecurrence(Recurrence.CONVOLUTIONAL).withWeights(WeightLayout.RECURRENT_IN_CELL),
            KerasClass.of("ConvLSTM3D", RECURRENT, NO, NOT_IMPORTED).withRecurrence(Recurrence.CONVOLUTIONAL).withWeights(WeightLayout.RECURRENT_IN_CELL),
            KerasClass.of("LSTMCell", RECURRENT, YES, CONFIGURATION_REWRITE).withWeights(WeightLayout.RECURRENT_CELL),
            KerasClass.of("GRUCell", RECURRENT, YES, CONFIGURATION_REWRITE).withWeights(WeightLayout.RECURRENT_CELL),
            KerasClass.of("SimpleRNNCell", RECURRENT, YES, CONFIGURATION_REWRITE).withWeights(WeightLayout.RECURRENT_CELL),
            KerasClass.of("RNN", RECURRENT, PARTLY, CONFIGURATION_REWRITE).withRecurrence(Recurrence.WRAPPER),
            KerasClass.of("StackedRNNCells", RECURRENT, PARTLY, CONFIGURATION_REWRITE),
            KerasClass.of("Attention", ATTENTION, PARTLY, KINSPECT_MAPPER).withWeights(WeightLayout.ATTENTION_SCALE).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK),
            KerasClass.of("AdditiveAttention", ATTENTION, PARTLY, KINSPECT_MAPPER).withWeights(WeightLayout.ATTENTION_SCALE).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK),
            KerasClass.of("MultiHeadAttention", ATTENTION, PARTLY, KINSPECT_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK),
            KerasClass.of("GroupQueryAttention", ATTENTION, PARTLY, KINSPECT_MAPPER).withAliases("GroupedQueryAttention").withTraits(Trait.PASSES_MASK),
            KerasClass.of("BatchNormalization", NORMALIZATION, YES, REPLACES_DL4J_MAPPER).withWeights(WeightLayout.NORMALIZATION).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("LayerNormalization", NORMALIZATION, PARTLY, KINSPECT_MAPPER).withWeights(WeightLayout.NORMALIZATION).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("UnitNormalization", NORMALIZATION, YES, KINSPECT_MAPPER).withTraits(Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("RMSNormalization", NORMALIZATION, YES, KINSPECT_MAPPER).withWeights(WeightLayout.RMS_SCALE),
            KerasClass.of("GroupNormalization", NORMALIZATION, PARTLY, KINSPECT_MAPPER).withWeights(WeightLayout.NORMALIZATION).withTraits(Trait.PASSES_MASK),
            KerasClass.of("SpectralNormalization", NORMALIZATION, NO, NOT_IMPORTED),
            KerasClass.of("Dropout", REGULARIZATION, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("SpatialDropout1D", REGULARIZATION, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK),
            KerasClass.of("SpatialDropout2D", REGULARIZATION, YES, DL4J_MAPPER),
            KerasClass.of("SpatialDropout3D", REGULARIZATION, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_SHAPE),
            KerasClass.of("GaussianNoise", REGULARIZATION, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("GaussianDropout", REGULARIZATION, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("AlphaDropout", REGULARIZATION, YES, DL4J_MAPPER).withTraits(Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("ActivityRegularization", REGULARIZATION, YES, KINSPECT_MAPPER).withTraits(Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Reshape", RESHAPING, YES, DL4J_MAPPER).withTraits(Trait.VIEW),
            KerasClass.of("Flatten", RESHAPING, YES, DL4J_MAPPER).withTraits(Trait.VIEW, Trait.MAKES_VECTORS),
            KerasClass.of("Permute", RESHAPING, YES, REPLACES_DL4J_MAPPER),
            KerasClass.of("RepeatVector", RESHAPING, YES, DL4J_MAPPER),
            KerasClass.of("ZeroPadding2D", RESHAPING, YES, DL4J_MAPPER).withTraits(Trait.READS_GRIDS),
            KerasClass.of("Cropping2D", RESHAPING, YES, DL4J_MAPPER).withTraits(Trait.READS_GRIDS),
            KerasClass.of("UpSampling2D", RESHAPING, YES, REPLACES_DL4J_MAPPER).withTraits(Trait.READS_GRIDS),
            KerasClass.of("ZeroPadding1D", RESHAPING, YES, REPLACES_DL4J_MAPPER).withTraits(Trait.READS_GRIDS),
            KerasClass.of("Cropping1D", RESHAPING, YES, REPLACES_DL4J_MAPPER).withTraits(Trait.READS_GRIDS),
            KerasClass.of("UpSampling1D", RESHAPING, YES, REPLACES_DL4J_MAPPER).withTraits(Trait.READS_GRIDS),
            KerasClass.of("ZeroPadding3D", RESHAPING, PARTLY, REPLACES_DL4J_MAPPER).withTraits(Trait.KEEPS_VOLUMES),
            KerasClass.of("Cropping3D", RESHAPING, PARTLY, REPLACES_DL4J_MAPPER).withTraits(Trait.KEEPS_VOLUMES),
            KerasClass.of("UpSampling3D", RESHAPING, PARTLY, REPLACES_DL4J_MAPPER).withTraits(Trait.KEEPS_VOLUMES),
            KerasClass.of("Add", MERGING, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Subtract", MERGING, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Multiply", MERGING, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Average", MERGING, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Maximum", MERGING, YES, DL4J_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Minimum", MERGING, YES, KINSPECT_MAPPER).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Concatenate", MERGING, YES, CONFIGURATION_REWRITE).withTraits(Trait.KEEPS_STEPS, Trait.PASSES_MASK, Trait.KEEPS_SHAPE),
            KerasClass.of("Dot", MERGING, YES, CONFIGURATION_REWRITE),
            KerasClass.of("Rescaling", PREPROCESSING, PARTLY, KINSPECT_MAPPER).withTraits(Trait.PASSES_MASK),
            KerasClass.of("Normalization", PREPROCESSING, YES, KINSPECT_MAPPER).withWeights(WeightLayout.ADAPTED_STATISTICS).withTraits(Trait.PASSES_MASK),
            KerasClass.of("CenterCrop", PREPROCESSING, PARTLY, KINSPECT_MAPPER),
            KerasClass.of("RandomFlip", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomRotation", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomZoom", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomTranslation", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomContrast", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomBrightness", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomColorDegeneration", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomColorJitter", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomErasing", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomGaussianBlur", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomGrayscale", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomHue", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomInvert", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomPosterization", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomSaturation", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomSharpness", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomElasticTransform", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomPerspective", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomShear", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("Solarization", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("AugMix", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("CutMix", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("MixUp", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandAugment", PREPROCESSING, YES, KINSPECT_MAPPER),
            KerasClass.of("RandomCrop", PREPROCESSING, PARTLY, KINSPECT_MAPPER),
            KerasClass.of("Resizing", PREPROCESSING, PARTLY, KINSPECT_MAPPER),
            KerasClass.of("Equalization", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("AutoContrast", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("Discretization", PREPROCESSING, PARTLY, CONFIGURATION_REWRITE),
            KerasClass.of("CategoryEncoding", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("Hashing", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("HashedCrossing", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("IntegerLookup", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("StringLookup", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("TextVectorization", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("MelSpectrogram", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("STFTSpectrogram", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("Sequential", STRUCTURE, YES, CONFIGURATION_REWRITE).withTraits(Trait.MODEL),
            KerasClass.of("Functional", STRUCTURE, YES, CONFIGURATION_REWRITE).withTraits(Trait.MODEL),
            KerasClass.of("Model", STRUCTURE, YES, CONFIGURATION_REWRITE).withTraits(Trait.MODEL),
            KerasClass.of("Merge", KERAS_1_AND_2, PARTLY, CONFIGURATION_REWRITE),
            KerasClass.of("TimeDistributedDense", KERAS_1_AND_2, YES, DL4J_MAPPER),
            KerasClass.of("MaxoutDense", KERAS_1_AND_2, REFUSED, NOT_IMPORTED),
            KerasClass.of("Highway", KERAS_1_AND_2, REFUSED, NOT_IMPORTED),
            KerasClass.of("TFOpLambda", KERAS_1_AND_2, PARTLY, CONFIGURATION_REWRITE).withTraits(Trait.HOLDS_CODE),
            KerasClass.of("SlicingOpLambda", KERAS_1_AND_2, PARTLY, CONFIGURATION_REWRITE).withTraits(Trait.HOLDS_CODE),
            KerasClass.of("TensorFlowOpLayer", KERAS_1_AND_2, PARTLY, CONFIGURATION_REWRITE).withTraits(Trait.HOLDS_CODE),
            KerasClass.of("LocallyConnected1D", KERAS_1_AND_2, NO, NOT_IMPORTED),
            KerasClass.of("LocallyConnected2D", KERAS_1_AND_2, NO, NOT_IMPORTED),
            KerasClass.of("TFSMLayer", KERAS_1_AND_2, NO, NOT_IMPORTED),
            KerasClass.of("JaxLayer", KERAS_1_AND_2, NO, NOT_IMPORTED),
            KerasClass.of("FlaxLayer", KERAS_1_AND_2, NO, NOT_IMPORTED),
            KerasClass.of("TorchModuleWrapper", KERAS_1_AND_2, NO, NOT_IMPORTED),
            KerasClass.of("ReversibleEmbedding", CORE, NO, NOT_IMPORTED),
            KerasClass.of("TernaryDense", CORE, NO, NOT_IMPORTED),
            KerasClass.of("ContrastLimitedAdaptiveHistogramEqualization", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("MaxNumBoundingBoxes", PREPROCESSING, NO, NOT_IMPORTED),
            KerasClass.of("Pipeline", STRUCTURE, NO, NOT_IMPORTED));

    // The README's layer coverage table, row by row: the label, the status (starting with the
    // support word of every class it covers), what proves it, and the classes it covers.
    private static final List<CoverageTable.Row> COVERAGE = List.of(
            section(Family.CORE),
            row("InputLayer, Dense", "yes; a Dense on a sequence applies to every step, on a channels-last image or 5-D tensor to every vector of the last axis (channels_first refused)", "`keras3/dense_mlp`, `coverage/dense_on_sequences`, `tfkeras_layers/dense_on_images`, `random/dense_on_image`, `random/dense_on_open_image`, corpus", "InputLayer", "Dense"),
            row("EinsumDense", "partly: only equations that are a Dense on the last axis (`abc,cd->abd`)", "`coverage/einsum_dense`", "EinsumDense"),
            row("Activation", "yes: relu, relu6, leaky_relu, elu, selu, gelu, silu/swish, mish, hard_sigmoid (Keras 2 and 3 definitions), hard_silu, softplus, softsign, exponential, tanh, sigmoid, linear, softmax, log_softmax", "`layers/activation_functions`, `layers/dense_activations`, `keras3/hard_sigmoid`", "Activation"),
            row("Embedding", "yes, with `mask_zero` (the mask from the token ids, the output the table row of every token, id 0 included)", "`keras3/embedding_lstm`, `keras3/embedding_mask_zero_lstm`, `gru/embedding_mask_zero_gru`, `masking/*`", "Embedding"),
            row("Masking", "yes; a mask reaches recurrent and attention layers through layers that hand it on (Dense, Activation, normalisations, Dropout..., and in Keras 1/2 files recurrent layers returning sequences), with the masking of the Keras that wrote the file; refused: a layer reading the mask a merge makes of inputs masked by different layers", "`keras3/masking_*`, `masking/*` (Keras 3 and tf.keras 2 files), corpus", "Masking"),
            row("Lambda", "partly: runs only with a Java implementation registered (`CustomObjects`); Python code is never run; `summary` and `memory` show it without one", "`custom/lambda`", "Lambda"),
            row("Identity", "yes", "`coverage/inference_identities`", "Identity"),
            row("ReversibleEmbedding, TernaryDense", "no", "", "ReversibleEmbedding", "TernaryDense"),
            section(Family.ACTIVATION_LAYERS),
            row("ReLU, LeakyReLU, PReLU, ELU, Softmax", "yes, with their parameters (`max_value`, `negative_slope`, `threshold`, `shared_axes`, `axis`)", "`layers/activation_layers`, `layers/prelu_shared_axes`, `layers/softmax_axis`", "ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax"),
            row("ThresholdedReLU (Keras 2)", "yes (`theta`; DL4J's mapper)", "corpus `examples/activations/ThresholdReLU_0`", "ThresholdedReLU"),
            section(Family.CONVOLUTION),
            row("Conv1D, Conv2D", "yes, channels_last and channels_first (DL4J read channels_first kernels as Theano's: right shapes, wrong numbers; kinspect corrects them)", "`keras3/conv1d`, `keras3/conv2d`, `conv1d/conv1d_one_channel`, `layers/channels_first_convolutions`, corpus", "Conv1D", "Conv2D"),
            row("Conv3D", "partly: channels_last; channels_first refused (DL4J describes its output in the wrong layout)", "`coverage/volumes`, `layers/volumes`, `layers/volumes_channels_first`, corpus `tfkeras/cnn3d_16`", "Conv3D"),
            row("Conv2DTranspose", "partly: `output_padding`, and `valid` padding with a kernel shorter than its stride, refused (DL4J sizes them otherwise)", "`layers/conv2d_transpose`, `layers/channels_first_convolutions`, `layers/transpose_options`, corpus `tfkeras/cnn2d_52..59`", "Conv2DTranspose"),
            row("Conv1DTranspose", "partly: channels_last; `output_padding`, dilation and channels_first refused", "`layers/conv1d_transpose`, `layers/convolution_options`", "Conv1DTranspose"),
            row("Conv3DTranspose", "refused: DL4J's numbers are not Keras's", "`coverage/conv3d_transpose`", "Conv3DTranspose"),
            row("DepthwiseConv2D", "yes, both layouts, dilation", "`layers/depthwise_conv`, `layers/convolution_options`, corpus `tfkeras/cnn2d_40..47`, `100..107`", "DepthwiseConv2D"),
            row("DepthwiseConv1D", "partly: channels_last, element-wise activations", "`layers/depthwise_conv`, `layers/convolution_options`", "DepthwiseConv1D"),
            row("SeparableConv2D", "yes, both layouts; images of one channel too (DL4J's `sconv2d` fails on them: kinspect runs two convolutions there)", "`layers/separable_conv`, `layers/channels_first_convolutions`, `layers/image_layers_channels_first`, `random/grayscale_separable_conv`", "SeparableConv2D"),
            row("SeparableConv1D", "partly: channels_last, element-wise activations, no causal padding", "`layers/separable_conv`, `layers/convolution_options`", "SeparableConv1D"),
            section(Family.POOLING),
            row("MaxPooling1D/2D/3D, AveragePooling1D/2D/3D", "yes, `valid` and `same` (DL4J's own mapper turns AveragePooling1D into max pooling; kinspect corrects it)", "`coverage/pooling_1d_2d`, `coverage/volumes`", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D"),
            row("GlobalMaxPooling1D/2D/3D, GlobalAveragePooling1D/2D/3D", "yes, `keepdims=True` too (channels last)", "`coverage/pooling_1d_2d`, `coverage/volumes`, `keras3/conv2d_global`, `random/random_043`, `random/random_111`", "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D"),
            row("AdaptiveAveragePooling1D/2D/3D, AdaptiveMaxPooling1D/2D/3D", "yes, both layouts, uneven and overlapping bins (a channels_first 3D one after a channels_last 3D layer refused)", "`resizing/*`", "AdaptiveAveragePooling1D", "AdaptiveAveragePooling2D", "AdaptiveAveragePooling3D", "AdaptiveMaxPooling1D", "AdaptiveMaxPooling2D", "AdaptiveMaxPooling3D"),
            section(Family.RECURRENT),
            row("SimpleRNN, LSTM", "yes: masking, `go_backwards` (DL4J ran it forwards), `unroll`, `initial_state=`, `return_state=True`, stateful sessions", "`keras3/lstm_*`, `keras3/simple_rnn`, `states/*`, `cells/backwards_*`, corpus", "SimpleRNN", "LSTM"),
            row("GRU", "yes: `reset_after` True and False, sigmoid and hard_sigmoid, masking, `go_backwards`, initial and returned states", "`gru/*`, corpus public models", "GRU"),
            row("Bidirectional", "yes, around LSTM and GRU (and ConvLSTM2D, below); merge modes concat, sum, mul, ave", "`keras3/bidirectional_*`, `gru/bidirectional_gru_*`", "Bidirectional"),
            row("TimeDistributed", "yes over sequences of vectors, of sequences (4-D) and of images (5-D, also out of a ConvLSTM2D, a 3D layer or a BatchNormalization): Dense, Conv1D/2D, pooling, Flatten, BatchNormalization (last axis), LSTM, GRU, Bidirectional, a Sequential model; partly: a Functional model with one input and output; other layers per step refused by name", "`keras3/time_distributed`, `layers/time_distributed_*`, `tfkeras_layers/conv_lstm_time_distributed`, `tfkeras_layers/normalized_frames_time_distributed`", "TimeDistributed"),
            row("CuDNNLSTM, CuDNNGRU (Keras 2)", "yes, imported as LSTM and GRU", "corpus `public-models/`", "CuDNNLSTM", "CuDNNGRU"),
            row("ConvLSTM2D", "yes, both layouts, `return_sequences`, `go_backwards`, Keras 2 and 3 hard_sigmoid; inside Bidirectional (concat, sum, mul, ave); refused: `return_state`, `stateful`, a wrapped `go_backwards`", "`layers/conv_lstm*`, corpus `tfkeras/convlstm2d_*`", "ConvLSTM2D"),
            row("ConvLSTM1D, ConvLSTM3D", "no", "", "ConvLSTM1D", "ConvLSTM3D"),
            row("RNN around an LSTMCell, GRUCell or SimpleRNNCell", "yes, imported as LSTM, GRU, SimpleRNN (the summary names those): `return_sequences`, `return_state`, `initial_state`, `go_backwards`, `unroll`, Bidirectional, masks", "`cells/rnn_cells`, `cells/rnn_cell_states`, `cells/rnn_cells_bidirectional`, `cells/rnn_cells_masked`", "LSTMCell", "GRUCell", "SimpleRNNCell"),
            row("RNN around StackedRNNCells or a list of cells", "partly: one layer per cell (the lower ones named `NAME__cell_1`...), masked too; refused: `return_state`, `go_backwards`, `stateful`, initial states, inside a wrapper", "`cells/stacked_cells`, `cells/stacked_cells_masked`", "RNN", "StackedRNNCells"),
            row("RNN around a custom cell, `time_major=True`", "refused", "`RecurrentCellLayersTest`"),
            section(Family.ATTENTION),
            row("Attention, AdditiveAttention", "partly: dot and concat scores, `use_scale`, a key, causal mask (also tf.keras's `causal` option), dropout, masked inputs, `return_attention_scores` (the scores are `LAYER__1`); Keras 3 and tf.keras calls; refused: masked inputs in a tf.keras file (tf.keras's rules differ), sequences of open length with scores", "`layers/attention`, `layers/additive_attention`, `layers/attention_options`, `layers/masked_dot_attention`, `attention_scores/*`, `tfkeras_layers/attention_calls` (also `_tfkeras.h5`)", "Attention", "AdditiveAttention"),
            row("MultiHeadAttention", "partly: self- and cross-attention, `key_dim`, `value_dim`, `use_bias`, `output_shape` of one axis, causal mask, an `attention_mask` input, a masked query, value or key, `return_attention_scores` (batch, heads, Tq, Tv); Keras 3 and tf.keras calls (tf.keras writes value, key and the options in the call's kwargs); refused: a masked input two attention layers read, any masked input in a tf.keras file, `use_gate`, other `attention_axes`", "`layers/multi_head_attention`, `layers/multi_head_cross_attention`, `layers/masked_value_attention`, `attention_scores/multi_head_scores`, `tfkeras_layers/attention_calls` (also `_tfkeras.h5`), `tfkeras_layers/masked_attention_calls`", "MultiHeadAttention"),
            row("GroupQueryAttention", "partly: grouped key/value heads, a key, `attention_mask`, causal, scores; refused: `use_gate`, a sliding window", "`attention_scores/grouped_query_attention`", "GroupQueryAttention"),
            section(Family.NORMALIZATION),
            row("BatchNormalization", "yes, `center`/`scale` off too; on a 5-D channels-last tensor (a ConvLSTM2D's sequence of images) over the last axis only (others refused)", "`keras3/batchnorm_flags`, `tfkeras_layers/*_time_distributed`, `tfkeras_layers/batch_norm_time_axis`, corpus", "BatchNormalization"),
            row("LayerNormalization", "partly: `rms_scaling=True` refused", "`layers/layer_normalization`", "LayerNormalization"),
            row("UnitNormalization, RMSNormalization", "yes", "`layers/layer_normalization`, `coverage/normalization_family`", "UnitNormalization", "RMSNormalization"),
            row("GroupNormalization", "partly: channels last (`axis=-1`) only; open sizes too", "`coverage/normalization_family`, `random/random_050`", "GroupNormalization"),
            row("SpectralNormalization", "no", "", "SpectralNormalization"),
            section(Family.REGULARIZATION),
            row("Dropout, SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout, AlphaDropout, ActivityRegularization", "yes", "`coverage/inference_identities`", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization"),
            section(Family.RESHAPING),
            row("Reshape, Flatten, Permute", "yes; a Permute that keeps every axis in place passes its input on; a swapped sequence is read right by the layer after it (DL4J described it in the wrong layout)", "`keras3/reshape_permute`, `coverage/dense_on_sequences`, `tfkeras_layers/identity_permute`, `tfkeras_layers/permuted_sequences`", "Reshape", "Flatten", "Permute"),
            row("RepeatVector", "yes", "`layers/repeat_vector`", "RepeatVector"),
            row("ZeroPadding2D, Cropping2D, UpSampling2D (nearest)", "yes, both layouts", "`layers/cropping_padding_upsampling`, `layers/image_layers_channels_first`", "ZeroPadding2D", "Cropping2D", "UpSampling2D"),
            row("ZeroPadding1D, Cropping1D, UpSampling1D, UpSampling2D (bilinear)", "yes (DL4J computes them over the wrong axis; kinspect's own layers; bilinear UpSampling2D on open image sizes (`None`) too, its size read as it runs)", "`layers/cropping_padding_upsampling`, `layers/reshaping_options`, `random/open_size_bilinear_upsampling`, `random/random_070`", "ZeroPadding1D", "Cropping1D", "UpSampling1D"),
            row("ZeroPadding3D, Cropping3D, UpSampling3D", "partly: channels_last (kinspect's own layers); channels_first refused", "`layers/volumes`, `coverage/volume_resizing`", "ZeroPadding3D", "Cropping3D", "UpSampling3D"),
            section(Family.MERGING),
            row("Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate", "yes; Concatenate along any non-batch axis; Keras 3 Maximum, Minimum, Multiply leave masked steps out", "`keras3/merges`, `coverage/concatenate_axes`, `masking/masked_merges`", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate"),
            row("Dot", "yes: vectors, `normalize=True` (cosine), sequences (Luong attention scores and context), a sequence with a vector", "`coverage/dot_and_average`", "Dot"),
            section(Family.PREPROCESSING),
            row("Rescaling", "partly: one scale and one offset (not one a channel)", "`coverage/normalization_family`", "Rescaling"),
            row("Normalization", "yes, mean and variance configured or adapted; `invert`", "`coverage/normalization_family`", "Normalization"),
            row("CenterCrop", "partly: images at least as large as the target (Keras resizes smaller ones)", "`coverage/augmentation_at_inference`", "CenterCrop"),
            row("RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomContrast, RandomBrightness, RandomColorDegeneration, RandomColorJitter, RandomErasing, RandomGaussianBlur, RandomGrayscale, RandomHue, RandomInvert, RandomPosterization, RandomSaturation, RandomSharpness, RandomElasticTransform, RandomPerspective, RandomShear, Solarization, AugMix, CutMix, MixUp, RandAugment", "yes (they change images only in training; each checked in Keras's code and by a fixture)", "`coverage/augmentation_at_inference`, `resizing/augmentation_identities`", "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast", "RandomBrightness", "RandomColorDegeneration", "RandomColorJitter", "RandomErasing", "RandomGaussianBlur", "RandomGrayscale", "RandomHue", "RandomInvert", "RandomPosterization", "RandomSaturation", "RandomSharpness", "RandomElasticTransform", "RandomPerspective", "RandomShear", "Solarization", "AugMix", "CutMix", "MixUp", "RandAugment"),
            row("RandomCrop", "partly: images already of the crop size (Keras 3 passes other sizes through at inference where Keras 2 cropped their centre: refused)", "`resizing/*`", "RandomCrop"),
            row("Resizing", "partly: nearest and bilinear (torch's rules: half-pixel centres; TensorFlow's agree by its documentation), `crop_to_aspect_ratio`, `pad_to_aspect_ratio`, both layouts; refused: bicubic, area, lanczos, antialias (the backends differ)", "`resizing/*`", "Resizing"),
            row("Equalization, AutoContrast", "no (Equalization cannot be put in a functional model by Keras 3.16; AutoContrast changes images at inference)", "", "Equalization", "AutoContrast"),
            row("Discretization", "partly: `output_mode=\"int\"` with `bin_boundaries` (computed as `ops.digitize`)", "`random/discretization`", "Discretization"),
            row("CategoryEncoding, Hashing, HashedCrossing, IntegerLookup, StringLookup, TextVectorization, MelSpectrogram, STFTSpectrogram", "no (they work on strings, integers or audio before a model)", "", "CategoryEncoding", "Hashing", "HashedCrossing", "IntegerLookup", "StringLookup", "TextVectorization", "MelSpectrogram", "STFTSpectrogram"),
            row("ContrastLimitedAdaptiveHistogramEqualization, MaxNumBoundingBoxes", "no", "", "ContrastLimitedAdaptiveHistogramEqualization", "MaxNumBoundingBoxes"),
            section(Family.STRUCTURE),
            row("Sequential or functional model used as a layer", "yes", "`layers/nested_models`, `keras3/nested_sequential`", "Sequential", "Functional", "Model"),
            row("Pipeline (a chain of preprocessing layers)", "no", "", "Pipeline"),
            row("A tf.keras SavedModel folder (`keras_metadata.pb` and a checkpoint, TensorFlow 2.0-2.15), or a `.zip` or `.tar.gz` of one", "yes: its layers as in a tf.keras `.h5`, stateful states from the checkpoint; refused: sliced variables, compressed index blocks, a folder without Keras metadata", "corpus `savedmodel/` (8 published models, within 1e-4), `savedmodel/memory_network`, `SavedModelReaderTest`"),
            row("A layer called more than once (shared layers, Siamese models)", "yes: Dense, LSTM, GRU with states, Lambda, a nested Sequential or Functional model; later calls' outputs are `LAYER@1`, `LAYER@2`..., weights listed once", "`layers/shared_*`"),
            section(Family.OPERATIONS),
            row("add, subtract, multiply, divide, power, maximum, minimum (with constants, broadcasting); equal, not_equal, greater(_equal), less(_equal); cast to float/int/bool", "yes", "`ops/elementwise_constants`, `ops/broadcasting`, `ops/comparisons`"),
            row("sqrt, exp, log, tanh, sigmoid, relu, abs, square, negative, round, floor, ceil, sign, sin, cos, softplus, log1p, expm1, reciprocal, rsqrt, silu, relu6, leaky_relu, elu, clip, softmax", "yes", "`ops/unary_functions`, `ops/more_functions`"),
            row("gelu", "partly: the tanh approximation (Keras's default); `approximate=False` refused", "`ops/more_functions`"),
            row("matmul", "partly: two tensors with the same leading axes, or a tensor times a constant matrix", "`ops/matmul`"),
            row("expand_dims, squeeze, reshape, transpose, slicing `x[...]`, concatenate, stack", "yes (the batch axis stays where it is; negative slice steps refused)", "`ops/shape_operations`, `ops/image_operations`"),
            row("mean, sum, max, min, prod, var, std (axis, keepdims)", "yes", "`ops/reductions`"),
            row("any other op (cumsum, where, take, argmax, pad, tile...); ops in a channels_first model", "refused: \"unsupported op NAME in layer 'L'\"", "`ops/unsupported_op`, `ops/channels_first_op`"),
            section(Family.KERAS_1_AND_2),
            row("Merge (Keras 1)", "partly: concat, sum, mul, ave, max; dot and cos refused", "corpus Keras 1 configs (`Keras1LayersTest`)", "Merge"),
            row("Convolution2D (Keras 1, `th` and `tf` ordering), TimeDistributedDense", "yes", "corpus Keras 1 models", "TimeDistributedDense"),
            row("Convolution1D in a Keras 1 file with weights, MaxoutDense, Highway", "refused (the kernel layout depends on a backend the file does not record; no DL4J mapper)", "`Keras1LayersTest`", "MaxoutDense", "Highway"),
            row("TFOpLambda, SlicingOpLambda (tf.keras)", "partly: `tf.math.*`, operators, slicing, `tf.nn.*`, reshape, transpose, concat, stack, `reduce_*`, matmul, cast, `clip_by_value`, as the Keras 3 ops above; checked on files in tf.keras's format written from Keras 3 models (no TensorFlow here)", "`ops/*_tfkeras.h5`", "TFOpLambda", "SlicingOpLambda"),
            row("TensorFlowOpLayer (tf.keras)", "partly: Transpose and Reshape on the real corpus files; element-wise, reductions, ExpandDims, ConcatV2, BatchMatMulV2 on a tf.keras-format file", "corpus `tfkeras/permute`, `tfop_*`; `ops/tf_graph_ops_tfkeras.h5`", "TensorFlowOpLayer"),
            row("LocallyConnected1D, LocallyConnected2D (Keras 2)", "no (Keras 3 has no such layer to check numbers against)", "corpus `tfkeras/`", "LocallyConnected1D", "LocallyConnected2D"),
            row("Custom layers and initializers", "yes, with a Java implementation registered (`CustomObjects`, `--plugin`)", "`custom/*`, `samples/models`"),
            row("TFSMLayer, JaxLayer, FlaxLayer, TorchModuleWrapper", "no (they hold another framework's code)", "", "TFSMLayer", "JaxLayer", "FlaxLayer", "TorchModuleWrapper"));

    private static final Map<String, KerasClass> BY_NAME = byName();

    private KerasClasses() {}

    /** @return every class, in the README's order */
    public static List<KerasClass> all() {
        return CLASSES;
    }

    /**
     * @param className a Keras class name, or one of its aliases
     * @return what kinspect knows about it, or empty for a class Keras does not have (a custom layer)
     */
    public static Optional<KerasClass> find(String className) {
        return Optional.ofNullable(BY_NAME.get(className));
    }

    /**
     * @param className a Keras class name, or an alias
     * @param question a question about its recurrence
     * @return the answer, false for a class not in the catalogue
     */
    public static boolean is(String className, Predicate<Recurrence> question) {
        return find(className).map(found -> question.test(found.recurrence())).orElse(false);
    }

    /**
     * @param className a Keras class name, or an alias
     * @param trait a trait
     * @return true when the class is in the catalogue and has the trait
     */
    public static boolean has(String className, Trait trait) {
        return find(className).map(found -> found.has(trait)).orElse(false);
    }

    /** @return the README's layer coverage table */
    public static CoverageTable coverage() {
        return new CoverageTable(COVERAGE);
    }

    private static Map<String, KerasClass> byName() {
        Map<String, KerasClass> byName = new HashMap<>();
        for (KerasClass kerasClass : CLASSES) {
            Stream.concat(Stream.of(kerasClass.name()), kerasClass.aliases().stream()).forEach(name -> {
                if (byName.put(name, kerasClass) != null) {
                    throw new IllegalStateException("the catalogue names " + name + " twice");
                }
            });
        }
        return Map.copyOf(byName);
    }

    private static CoverageTable.Row section(Family family) {
        return CoverageTable.Row.section(family);
    }

    private static CoverageTable.Row row(String label, String status, String provedBy, String... classes) {
        return new CoverageTable.Row(label, status, provedBy, List.of(classes));
    }
}
