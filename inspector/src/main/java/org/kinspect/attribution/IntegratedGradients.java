package org.kinspect.attribution;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Integrated Gradients of one target: {@code (x - baseline) * mean of the gradients along the
 * straight path from the baseline to x}, with the completeness check that the attributions of an
 * example add up to how much the target changes from the baseline to it (the gap is the
 * integration rule's error: the mean is taken from {@code steps} gradients).
 *
 * <pre>{@code
 * IntegratedGradients ig = Attributions.integratedGradients(model, inputs, target, null, 64);
 * System.out.println(ig.completeness().get(0).gap());
 * }</pre>
 *
 * @param attributions one array per model input, keyed by input name, in Keras's layout
 * @param completeness one check per example
 * @param steps how many gradients along the path were taken
 * @param rule how the points were placed and weighed, in words
 */
public record IntegratedGradients(Map<String, INDArray> attributions, List<Completeness> completeness, int steps,
        String rule) {

    /**
     * One example's completeness check.
     *
     * @param attributed the sum of the example's attributions over every input element
     * @param change the target's value at the example minus its value at the baseline
     */
    public record Completeness(double attributed, double change) {

        /** @return {@code |attributed - change| / |change|} (the absolute gap when the change is 0) */
        public double gap() {
            double difference = Math.abs(attributed - change);
            return change == 0 ? difference : difference / Math.abs(change);
        }
    }

    /** @return the largest relative completeness gap over the examples */
    public double largestGap() {
        return completeness.stream().mapToDouble(Completeness::gap).max().orElse(0);
    }
}
