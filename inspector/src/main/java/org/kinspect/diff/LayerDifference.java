package org.kinspect.diff;

/**
 * How one layer's output differs between two models over the same examples, every value of every
 * example counted: {@code a} is model A's value, {@code b} model B's.
 *
 * <pre>{@code
 * LayerDifference lstm = difference.layer("lstm_1").orElseThrow();
 * lstm.maxRelativeDifference();   // max |b - a| / max(1, |a|)
 * lstm.cosine();                  // 1 when the outputs point the same way
 * }</pre>
 *
 * @param name the layer's Keras name, the same in both models
 * @param exampleShape its output per example (without the batch axis), the same in both
 * @param values how many pairs of finite values were compared
 * @param nonFinite how many pairs had a NaN or an infinity in one model and not the same in the
 *     other (a layer with any diverges); pairs with a NaN or infinity are left out of the rest
 * @param maxAbsoluteDifference max {@code |b - a|}
 * @param meanAbsoluteDifference mean {@code |b - a|}
 * @param maxRelativeDifference max {@code |b - a| / max(1, |a|)}: the rule of {@code kinspect verify}
 *     (relative for large values, absolute below 1)
 * @param meanRelativeDifference mean of the same
 * @param cosine {@code sum(a b) / sqrt(sum(a^2) sum(b^2))} over every value: 1 when both are all
 *     zeros, 0 when only one is
 * @param weightRelativeChange {@code ||W_b - W_a|| / ||W_a||}, the Frobenius norm over all the
 *     layer's weights; NaN when the layer has no weights or they differ in names or shapes
 * @param divergent whether {@code maxRelativeDifference} is above the comparison's tolerance, or
 *     the models disagree on a NaN or infinity
 */
public record LayerDifference(String name, long[] exampleShape, long values, long nonFinite,
        double maxAbsoluteDifference, double meanAbsoluteDifference, double maxRelativeDifference,
        double meanRelativeDifference, double cosine, double weightRelativeChange, boolean divergent) {

    public LayerDifference {
        exampleShape = exampleShape.clone();
    }

    @Override
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    /** @return whether the layer has weights compared in both models */
    public boolean hasWeightChange() {
        return !Double.isNaN(weightRelativeChange);
    }
}
