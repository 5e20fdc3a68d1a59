package org.kinspect.weights;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kinspect.catalog.KerasClass;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.catalog.WeightLayout;

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

    private Keras3VariableOrder() {}

    /**
     * @param className the layer's Keras class
     * @return true for a recurrent layer, which keeps its variables in its cell ({@code layers/lstm/cell/vars})
     */
    static boolean keptInCell(String className) {
        return layout(className) == WeightLayout.RECURRENT_IN_CELL;
    }

    /**
     * @param className the layer's Keras class
     * @param config the layer's configuration (for {@code use_bias}, {@code center}, {@code scale})
     * @return its weight names in saving order, or null when kinspect does not know the class
     */
    static List<String> names(String className, Map<String, Object> config) {
        List<String> names = new ArrayList<>();
        boolean useBias = !Boolean.FALSE.equals(config.get("use_bias"));
        switch (layout(className)) {
            case KERNEL_AND_BIAS -> names.add("kernel");
            // Keras 3 calls it "kernel"; Keras 2 and DL4J "depthwise_kernel"
            case DEPTHWISE -> names.add("depthwise_kernel");
            case SEPARABLE -> names.addAll(List.of("depthwise_kernel", "pointwise_kernel"));
            // a cell in a stack keeps its own (layers/rnn/cell/cells/lstm_cell/vars), in the same order
            case RECURRENT_IN_CELL, RECURRENT_CELL -> names.addAll(List.of("kernel", "recurrent_kernel"));
            case NORMALIZATION -> {
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
            }
            case EMBEDDING -> {
                return List.of("embeddings");
            }
            case PRELU -> {
                return List.of("alpha");
            }
            case ATTENTION_SCALE -> {
                if (Boolean.TRUE.equals(config.getOrDefault("use_scale", className.equals("AdditiveAttention")))) {
                    names.add("scale");
                }
                if (className.equals("Attention") && "concat".equals(config.get("score_mode"))) {
                    names.add("concat_score_weight");
                }
                return names;
            }
            case EINSUM -> {
                return config.get("bias_axes") == null ? List.of("kernel") : List.of("kernel", "bias");
            }
            case RMS_SCALE -> {
                return List.of("scale");
            }
            case ADAPTED_STATISTICS -> {
                return List.of("mean", "variance", "count"); // when learnt by adapt(); else it has none
            }
            case NONE -> {
                return null;
            }
        }
        if (useBias) {
            names.add("bias");
        }
        return names;
    }

    private static WeightLayout layout(String className) {
        return KerasClasses.find(className).map(KerasClass::weights).orElse(WeightLayout.NONE);
    }
}
