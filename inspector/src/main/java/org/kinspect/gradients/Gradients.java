package org.kinspect.gradients;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradients of one target for one batch, every array in Keras's layout and shape.
 *
 * <pre>{@code
 * Gradients gradients = model.gradients(Map.of("image", x), GradientTarget.outputUnit(3));
 * INDArray saliency = gradients.inputs().get("image");          // (batch, 28, 28, 1)
 * INDArray kernel = gradients.weights().get("conv_1").get("kernel");
 * }</pre>
 *
 * @param target what was differentiated, its layer resolved (never {@code null})
 * @param targetValues the target's value for each example (its unit summed over the non-batch axes;
 *     for a loss, each example's share of it, its own loss / batch), shape (batch)
 * @param inputs the gradient with respect to each model input, by input name
 * @param activations the gradient with respect to each layer's output (and extra outputs
 *     {@code LAYER__k}) that the target depends on, by layer name, in the model's order
 * @param weights the gradient with respect to each trainable weight, by layer name then Keras
 *     weight name ({@code kernel}, {@code recurrent_kernel}, {@code bias}...); moving statistics
 *     and other non-trainable weights have none
 * @param notes what could not be given and why (weights whose gradients cannot be put back in
 *     Keras's layout), one line each
 */
public record Gradients(GradientTarget target, INDArray targetValues, Map<String, INDArray> inputs,
        Map<String, INDArray> activations, Map<String, Map<String, INDArray>> weights, List<String> notes) {
}
