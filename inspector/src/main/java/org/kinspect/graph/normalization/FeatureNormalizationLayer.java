package org.kinspect.graph.normalization;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's preprocessing {@code Normalization}: {@code (x - mean) / max(sqrt(variance), 1e-7)}, or
 * with {@code invert=True} {@code mean + x * max(sqrt(variance), 1e-7)}; mean and variance one a
 * value along the kept axes. Given in the configuration, they are constants of the layer; learnt
 * by {@code adapt()}, they are weights in the file and parameters here.
 *
 * <pre>{@code
 * new FeatureNormalizationLayer("norm", KerasAxes.of(inputType, List.of(-1), "norm"), false, null, null);
 * }</pre>
 */
public class FeatureNormalizationLayer extends SameDiffLayerInKerasLayout {
    public static final String MEAN = "mean";
    public static final String VARIANCE = "variance";
    /** Keras's {@code backend.epsilon()}, the smallest standard deviation it divides by. */
    private static final double SMALLEST_DEVIATION = 1e-7;
    private boolean invert;
    private double[] mean;
    private double[] variance;

    /** For DL4J's JSON. */
    public FeatureNormalizationLayer() {}

    /**
     * @param name the layer name
     * @param layout the input's Keras layout and the kept axes (each value along them has its own mean)
     * @param invert whether the layer undoes a normalisation
     * @param mean the configured mean, one a value of {@link #weightShape()}, or null for a weight
     * @param variance the configured variance likewise
     */
    public FeatureNormalizationLayer(String name, KerasAxes layout, boolean invert, double[] mean,
            double[] variance) {
        super(name, layout);
        this.invert = invert;
        this.mean = mean;
        this.variance = variance;
    }

    /** @return whether mean and variance are weights (learnt by {@code adapt()}) */
    public boolean hasWeights() {
        return mean == null;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        if (hasWeights()) {
            params.addWeightParam(MEAN, weightShape());
            params.addWeightParam(VARIANCE, weightShape());
        }
    }

    @Override
    protected SDVariable defineInKerasLayout(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> parameters) {
        SDVariable mean = hasWeights() ? parameters.get(MEAN) : constant(sameDiff, this.mean, input);
        SDVariable variance = hasWeights() ? parameters.get(VARIANCE) : constant(sameDiff, this.variance, input);
        SDVariable deviation = sameDiff.math().max(sameDiff.math().sqrt(variance),
                sameDiff.constant(SMALLEST_DEVIATION).castTo(input.dataType()));
        return invert ? mean.add(input.mul(deviation)) : input.sub(mean).div(deviation);
    }

    private SDVariable constant(SameDiff sameDiff, double[] values, SDVariable input) {
        return sameDiff.constant(Nd4j.create(values, weightShape())).castTo(input.dataType());
    }

    public boolean isInvert() {
        return invert;
    }

    public void setInvert(boolean invert) {
        this.invert = invert;
    }

    public double[] getMean() {
        return mean;
    }

    public void setMean(double[] mean) {
        this.mean = mean;
    }

    public double[] getVariance() {
        return variance;
    }

    public void setVariance(double[] variance) {
        this.variance = variance;
    }
}
