package org.kinspect.graph.activations;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;

/**
 * Keras activation functions, by the name a configuration gives them, that DL4J's Keras importer
 * does not know, with kinspect's implementation of each in Keras's definition.
 *
 * <pre>{@code
 * KerasActivations.replacement("gelu"); // Optional[ExactGelu]
 * KerasActivations.replacement("relu"); // empty: DL4J's own mapping is right
 * }</pre>
 */
public final class KerasActivations {
    private static final Set<String> NAMES = Set.of("gelu", "mish", "hard_silu", "hard_swish", "exponential",
            "log_softmax", "leaky_relu");

    private KerasActivations() {}

    /**
     * @param name the name in a Keras configuration
     * @return kinspect's activation for it, or empty when DL4J maps the name as Keras means it
     */
    public static Optional<IActivation> replacement(String name) {
        return Optional.ofNullable(switch (name) {
            case "gelu" -> new ExactGelu();
            case "mish" -> new ActivationMish(); // x tanh(softplus(x)), as Keras
            case "hard_silu", "hard_swish" -> new HardSilu();
            case "exponential" -> new Exponential();
            case "log_softmax" -> new AxisSoftmax(-1, true);
            case "leaky_relu" -> new ActivationLReLU(0.2); // the function's default slope (the layer's is 0.3)
            default -> null;
        });
    }

    /**
     * @param configured a layer configuration's {@code activation}: a name, or Keras 3's
     *     serialised built-in ({@code {"class_name": "function", "config": "gelu"}})
     * @return the name when kinspect replaces it, else empty
     */
    static Optional<String> replacedName(Object configured) {
        Object name = configured instanceof Map<?, ?> serialised ? serialised.get("config") : configured;
        return name instanceof String named && NAMES.contains(named) ? Optional.of(named) : Optional.empty();
    }
}
