package org.kinspect.graph.normalization;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code GroupNormalization} over the last axis: the channels are split into {@code groups}
 * consecutive groups, and each group of each example is normalised over all its positions and
 * channels, {@code (x - mean) / sqrt(variance + epsilon) * gamma + beta}, gamma and beta one a
 * channel.
 *
 * <pre>{@code
 * new GroupNormalizationLayer("gn", KerasAxes.of(inputType, List.of(-1), "gn"), 2, 1e-3, true, true);
 * }</pre>
 */
public class GroupNormalizationLayer extends LayerNormalizationLayer {
    private int groups;

    /** For DL4J's JSON. */
    public GroupNormalizationLayer() {}

    /**
     * @param name the layer name
     * @param layout the input's Keras layout, with the last axis as the one axis
     * @param groups how many groups the channels make; divides their number
     * @param epsilon added to the variance
     * @param center whether there is a {@code beta}
     * @param scale whether there is a {@code gamma}
     */
    public GroupNormalizationLayer(String name, KerasAxes layout, int groups, double epsilon, boolean center,
            boolean scale) {
        super(name, layout, epsilon, center, scale);
        this.groups = groups;
    }

    @Override
    protected SDVariable defineInKerasLayout(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> parameters) {
        long[] shape = getKerasShape();
        long channels = shape[shape.length - 1];
        // (batch, positions, groups, channels per group): statistics over axes 1 and 3. The shapes are
        // taken from the input when it runs: its sizes before the channels may be open (None).
        SDVariable inputShape = input.shape();
        SDVariable batch = inputShape.get(SDIndex.interval(0, 1));
        SDVariable groupedShape = sameDiff.concat(0, batch,
                sameDiff.constant(Nd4j.createFromArray(-1L, groups, channels / groups)).castTo(batch.dataType()));
        SDVariable grouped = input.reshape(groupedShape);
        // standardised here, not by standardised(): its axes are the grouped array's, not the input's
        SDVariable centred = grouped.sub(grouped.mean(true, 1, 3));
        SDVariable variance = centred.mul(centred).mean(true, 1, 3);
        SDVariable normalised = centred.mul(sameDiff.math().rsqrt(variance.add(getEpsilon())));
        return scaledAndShifted(normalised.reshape(inputShape), parameters);
    }

    public int getGroups() {
        return groups;
    }

    public void setGroups(int groups) {
        this.groups = groups;
    }
}
