package org.kinspect.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Keras weight names of a layer's variables in the order Keras 3 saves them in
 * {@code model.weights.h5}: its variables are datasets {@code vars/0}, {@code vars/1}... by position
 * (trainable ones first, each group in creation order), with no names. The names returned are the
 * ones Keras 2 stored and DL4J's layer mappers look for.
 *
 * <pre>{@code
 * Keras3VariableOrder.names("BatchNormalization", Map.of("center", false)); // [gamma, moving_mean, moving_variance]
 * }</pre>
 */
final class Keras3VariableOrder {
    private static final Set<String> KERNEL_AND_BIAS = Set.of("Dense", "Conv1D", "Conv2D", "Conv3D",
            "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose");
    private static final Set<String> DEPTHWISE = Set.of("DepthwiseConv1D", "DepthwiseConv2D");
    private static final Set<String> SEPARABLE = Set.of("SeparableConv1D", "SeparableConv2D");
    /** Recurrent layers keep their variables in their cell ({@code layers/lstm/cell/vars}). */
    static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "SimpleRNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D");
    /** The cells of a stack of cells keep theirs directly ({@code layers/rnn/cell/cells/lstm_cell/vars}). */
    private static final Set<String> CELLS = Set.of("LSTMCell", "GRUCell", "SimpleRNNCell");

    private Keras3VariableOrder() {}

    /**
     * @param className the layer's Keras class
     * @param config the layer's configuration (for {@code use_bias}, {@code center}, {@code scale})
     * @return its weight names in saving order, or null when kinspect does not know the class
     */
    static List<String> names(String className, Map<String, Object> config) {
        List<String> names = new ArrayList<>();
        boolean useBias = !Boolean.FALSE.equals(config.get("use_bias"));
        if (KERNEL_AND_BIAS.contains(className)) {
            names.add("kernel");
        } else if (DEPTHWISE.contains(className)) {
            names.add("depthwise_kernel"); // Keras 3 calls it "kernel"; Keras 2 and DL4J "depthwise_kernel"
        } else if (SEPARABLE.contains(className)) {
            names.add("depthwise_kernel");
            names.add("pointwise_kernel");
        } else if (RECURRENT.contains(className) || CELLS.contains(className)) {
            names.add("kernel");
            names.add("recurrent_kernel");
        } else if (className.equals("BatchNormalization") || className.equals("LayerNormalization")
                || className.equals("GroupNormalization")) {
            if (!Boolean.FALSE.equals(config.get("scale")) || Boolean.TRUE.equals(config.get("rms_scaling"))) {
                names.add("gamma");
            }
            if (!Boolean.FALSE.equals(config.get("center")) && !Boolean.TRUE.equals(config.get("rms_scaling"))) {
                names.add("beta");
            }
            if (className.equals("BatchNormalization")) {
                names.add("moving_mean");
                names.add("moving_variance");
            }
            return names;
        } else if (className.equals("Embedding")) {
            return List.of("embeddings");
        } else if (className.equals("PReLU")) {
            return List.of("alpha");
        } else if (className.equals("Attention") || className.equals("AdditiveAttention")) {
            if (Boolean.TRUE.equals(config.getOrDefault("use_scale", className.equals("AdditiveAttention")))) {
                names.add("scale");
            }
            if (className.equals("Attention") && "concat".equals(config.get("score_mode"))) {
                names.add("concat_score_weight");
            }
            return names;
        } else if (className.equals("EinsumDense")) {
            return config.get("bias_axes") == null ? List.of("kernel") : List.of("kernel", "bias");
        } else if (className.equals("RMSNormalization")) {
            return List.of("scale");
        } else if (className.equals("Normalization")) {
            return List.of("mean", "variance", "count"); // when learnt by adapt(); else it has none
        } else {
            return null;
        }
        if (useBias) {
            names.add("bias");
        }
        return names;
    }
}
