package org.kinspect.graph.normalization;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras's {@code RMSNormalization}: {@code x * rsqrt(mean(x^2) + epsilon) * scale}, the mean over
 * the configured axes of each example (no centring, unlike LayerNormalization). {@code scale} keeps
 * Keras's values in a shape that broadcasts over the other axes.
 *
 * <pre>{@code
 * new RmsNormalizationLayer("rms", KerasAxes.of(inputType, List.of(-1), "rms"), 1e-6);
 * }</pre>
 */
public class RmsNormalizationLayer extends SameDiffLayerInKerasLayout {
    public static final String SCALE = "scale";
    private double epsilon;

    /** For DL4J's JSON. */
    public RmsNormalizationLayer() {}

    /**
     * @param name the layer name
     * @param layout the input's Keras layout and the normalised axes
     * @param epsilon added to the mean square
     */
    public RmsNormalizationLayer(String name, KerasAxes layout, double epsilon) {
        super(name, layout);
        this.epsilon = epsilon;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(SCALE, weightShape());
    }

    @Override
    protected SDVariable defineInKerasLayout(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> parameters) {
        SDVariable meanSquare = meanOver(input.mul(input), getAxes());
        return input.mul(sameDiff.math().rsqrt(meanSquare.add(epsilon))).mul(parameters.get(SCALE));
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }
}
