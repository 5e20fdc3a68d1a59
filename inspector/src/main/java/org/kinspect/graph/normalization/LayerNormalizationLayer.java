package org.kinspect.graph.normalization;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras's {@code LayerNormalization}: {@code (x - mean) / sqrt(variance + epsilon) * gamma + beta},
 * mean and (biased) variance over the configured axes of each example. DL4J 1.0.0-M2.1 has no such
 * layer. {@code gamma} and {@code beta} keep Keras's shape, with axes of size 1 for broadcasting.
 *
 * <pre>{@code
 * new LayerNormalizationLayer("ln", KerasAxes.of(inputType, List.of(-1), "ln"), 1e-3, true, true);
 * }</pre>
 */
public class LayerNormalizationLayer extends SameDiffLayerInKerasLayout {
    public static final String GAMMA = "gamma";
    public static final String BETA = "beta";
    private double epsilon;
    private boolean center;
    private boolean scale;

    /** For DL4J's JSON. */
    public LayerNormalizationLayer() {}

    /**
     * @param name the layer name
     * @param layout the input's Keras layout and the normalised axes
     * @param epsilon added to the variance
     * @param center whether there is a {@code beta}
     * @param scale whether there is a {@code gamma}
     */
    public LayerNormalizationLayer(String name, KerasAxes layout, double epsilon, boolean center, boolean scale) {
        super(name, layout);
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        if (scale) {
            params.addWeightParam(GAMMA, weightShape());
        }
        if (center) {
            params.addBiasParam(BETA, weightShape());
        }
    }

    @Override
    protected SDVariable defineInKerasLayout(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> parameters) {
        return scaledAndShifted(standardised(sameDiff, input, getAxes()), parameters);
    }

    /**
     * @param input values in Keras's layout
     * @param axes the axes the mean and (biased) variance are taken over
     * @return {@code (x - mean) / sqrt(variance + epsilon)}
     */
    protected SDVariable standardised(SameDiff sameDiff, SDVariable input, int... axes) {
        SDVariable centred = input.sub(meanOver(input, axes));
        SDVariable variance = meanOver(centred.mul(centred), axes);
        return centred.mul(sameDiff.math().rsqrt(variance.add(epsilon)));
    }

    /** @return {@code normalised * gamma + beta}, each where the layer has it */
    protected SDVariable scaledAndShifted(SDVariable normalised, Map<String, SDVariable> parameters) {
        SDVariable output = normalised;
        if (scale) {
            output = output.mul(parameters.get(GAMMA));
        }
        if (center) {
            output = output.add(parameters.get(BETA));
        }
        return output;
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
