package org.kinspect.graph.normalization;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

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
        long positions = 1;
        for (int axis = 0; axis < shape.length - 1; axis++) {
            positions *= shape[axis];
        }
        // (batch, positions, groups, channels per group): statistics over axes 1 and 3
        SDVariable grouped = input.reshape(-1, positions, groups, channels / groups);
        long[] kerasShape = new long[shape.length + 1];
        kerasShape[0] = -1;
        System.arraycopy(shape, 0, kerasShape, 1, shape.length);
        return scaledAndShifted(standardised(sameDiff, grouped, 1, 3).reshape(kerasShape), parameters);
    }

    public int getGroups() {
        return groups;
    }

    public void setGroups(int groups) {
        this.groups = groups;
    }
}
