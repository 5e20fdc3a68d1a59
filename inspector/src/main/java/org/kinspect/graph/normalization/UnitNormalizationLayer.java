package org.kinspect.graph.normalization;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras's {@code UnitNormalization}: {@code x / sqrt(max(sum(x^2), 1e-24))} over the configured
 * axes of each example (Keras's {@code normalize} with epsilon 1e-12, squared). No weights.
 *
 * <pre>{@code
 * new UnitNormalizationLayer("unit", KerasAxes.of(inputType, List.of(-1), "unit"));
 * }</pre>
 */
public class UnitNormalizationLayer extends SameDiffLayerInKerasLayout {
    private static final double SMALLEST_SQUARED_NORM = 1e-24;

    /** For DL4J's JSON. */
    public UnitNormalizationLayer() {}

    /**
     * @param name the layer name
     * @param layout the input's Keras layout and the axes whose norm becomes 1
     */
    public UnitNormalizationLayer(String name, KerasAxes layout) {
        super(name, layout);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        // none
    }

    @Override
    protected SDVariable defineInKerasLayout(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> parameters) {
        SDVariable squareSum = input.mul(input).sum(true, getAxes());
        return input.mul(sameDiff.math().rsqrt(sameDiff.math().max(squareSum,
                sameDiff.constant(SMALLEST_SQUARED_NORM).castTo(input.dataType()))));
    }
}
