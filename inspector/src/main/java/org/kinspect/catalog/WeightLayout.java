package org.kinspect.catalog;

/**
 * Which weights a Keras class keeps, in the order Keras 3 saves them: a Keras 3 file names its
 * variables only by position ({@code vars/0}, {@code vars/1}), so the order is what names them.
 */
public enum WeightLayout {
    /** No weights, or an order kinspect does not need to know (read by name from older files). */
    NONE,
    /** {@code kernel}, then {@code bias} when {@code use_bias}: Dense and the convolutions. */
    KERNEL_AND_BIAS,
    /** {@code depthwise_kernel}, then {@code bias}. */
    DEPTHWISE,
    /** {@code depthwise_kernel}, {@code pointwise_kernel}, then {@code bias}. */
    SEPARABLE,
    /** {@code kernel}, {@code recurrent_kernel}, then {@code bias}, kept in the layer's cell ({@code lstm/cell/vars}). */
    RECURRENT_IN_CELL,
    /** {@code kernel}, {@code recurrent_kernel}, then {@code bias}, kept by the cell itself (a cell in a stack). */
    RECURRENT_CELL,
    /** {@code gamma} (when {@code scale}), {@code beta} (when {@code center}), and for BatchNormalization its moving statistics. */
    NORMALIZATION,
    /** {@code embeddings}. */
    EMBEDDING,
    /** {@code alpha}. */
    PRELU,
    /** {@code scale} (when {@code use_scale}) and Attention's {@code concat_score_weight}. */
    ATTENTION_SCALE,
    /** {@code kernel}, and {@code bias} when it has {@code bias_axes}. */
    EINSUM,
    /** {@code scale}. */
    RMS_SCALE,
    /** {@code mean}, {@code variance}, {@code count}, when learnt by {@code adapt()}. */
    ADAPTED_STATISTICS
}
