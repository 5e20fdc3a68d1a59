package org.kinspect.graph.convolution;

import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;

/**
 * The element-wise activations kinspect's SameDiff convolution layers apply, as SameDiff
 * operations (nd4j's {@code Activation.asSameDiff} lacks some, such as SELU, and would fail only
 * when the layer runs). Each is Keras's function of the same name.
 *
 * <pre>{@code
 * SDVariable output = ElementWiseActivations.apply(sameDiff, preActivation, Activation.TANH);
 * }</pre>
 */
public final class ElementWiseActivations {
    /** The activations {@link #apply} computes the same in Keras 2 and 3. */
    public static final Set<Activation> SUPPORTED = Set.of(Activation.IDENTITY, Activation.RELU, Activation.RELU6,
            Activation.TANH, Activation.SIGMOID, Activation.ELU, Activation.SELU, Activation.SOFTPLUS,
            Activation.SOFTSIGN, Activation.SWISH);

    private ElementWiseActivations() {}

    /**
     * @param sameDiff the graph
     * @param input the pre-activation
     * @param activation one of {@link #SUPPORTED}
     * @return the activation of the input
     */
    public static SDVariable apply(SameDiff sameDiff, SDVariable input, Activation activation) {
        return apply(sameDiff, input, activation, false);
    }

    /**
     * @param sameDiff the graph
     * @param input the pre-activation
     * @param activation one of {@link #SUPPORTED}, or {@code HARDSIGMOID}
     * @param keras3 whether {@code HARDSIGMOID} is Keras 3's {@code relu6(x + 3) / 6} rather than
     *     Keras 2's {@code clip(0.2 x + 0.5, 0, 1)}
     * @return the activation of the input
     */
    public static SDVariable apply(SameDiff sameDiff, SDVariable input, Activation activation, boolean keras3) {
        return switch (activation) {
            // clip(slope x + 0.5, 0, 1) = relu6(6 slope x + 3) / 6
            case HARDSIGMOID -> sameDiff.nn().relu6(input.mul(keras3 ? 1.0 : 1.2).add(3.0), 0.0).div(6.0);
            case IDENTITY -> input;
            case RELU -> sameDiff.nn().relu(input, 0.0);
            case RELU6 -> sameDiff.nn().relu6(input, 0.0);
            case TANH -> sameDiff.nn().tanh(input);
            case SIGMOID -> sameDiff.nn().sigmoid(input);
            case ELU -> sameDiff.nn().elu(input);
            case SELU -> sameDiff.nn().selu(input);
            case SOFTPLUS -> sameDiff.nn().softplus(input);
            case SOFTSIGN -> sameDiff.nn().softsign(input);
            case SWISH -> sameDiff.nn().swish(input);
            default -> throw new IllegalArgumentException("activation " + activation + " is not computed here");
        };
    }
}
