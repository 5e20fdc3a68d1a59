package org.kinspect.graph.normalization;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
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
public class GroupNormalizationLayer extends KerasLayoutLayer {
    private int groups;
    private double epsilon;
    private boolean center;
    private boolean scale;

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
        super(name, layout);
        this.groups = groups;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        if (scale) {
            params.addWeightParam(LayerNormalizationLayer.GAMMA, weightShape());
        }
        if (center) {
            params.addBiasParam(LayerNormalizationLayer.BETA, weightShape());
        }
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
        SDVariable centred = grouped.sub(grouped.mean(true, 1, 3));
        SDVariable variance = centred.mul(centred).mean(true, 1, 3);
        SDVariable normalised = centred.mul(sameDiff.math().rsqrt(variance.add(epsilon)));
        long[] kerasShape = new long[shape.length + 1];
        kerasShape[0] = -1;
        System.arraycopy(shape, 0, kerasShape, 1, shape.length);
        SDVariable output = normalised.reshape(kerasShape);
        if (scale) {
            output = output.mul(parameters.get(LayerNormalizationLayer.GAMMA));
        }
        if (center) {
            output = output.add(parameters.get(LayerNormalizationLayer.BETA));
        }
        return output;
    }

    public int getGroups() {
        return groups;
    }

    public void setGroups(int groups) {
        this.groups = groups;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    public boolean isCenter() {
        return center;
    }

    public void setCenter(boolean center) {
        this.center = center;
    }

    public boolean isScale() {
        return scale;
    }

    public void setScale(boolean scale) {
        this.scale = scale;
    }
}
