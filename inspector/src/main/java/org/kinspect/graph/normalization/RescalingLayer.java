package org.kinspect.graph.normalization;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras's {@code Rescaling}: {@code x * scale + offset}, with one scale and one offset for every
 * value (e.g. {@code 1/255} for pixel values).
 *
 * <pre>{@code
 * new RescalingLayer("rescaling", KerasAxes.of(inputType, List.of(), "rescaling"), 1 / 255.0, 0);
 * }</pre>
 */
public class RescalingLayer extends SameDiffLayerInKerasLayout {
    private double scale;
    private double offset;

    /** For DL4J's JSON. */
    public RescalingLayer() {}

    /**
     * @param name the layer name
     * @param layout the input's Keras layout
     * @param scale the factor
     * @param offset added after scaling
     */
    public RescalingLayer(String name, KerasAxes layout, double scale, double offset) {
        super(name, layout);
        this.scale = scale;
        this.offset = offset;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        // none
    }

    @Override
    protected SDVariable defineInKerasLayout(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> parameters) {
        return input.mul(scale).add(offset);
    }

    public double getScale() {
        return scale;
    }

    public void setScale(double scale) {
        this.scale = scale;
    }

    public double getOffset() {
        return offset;
    }

    public void setOffset(double offset) {
        this.offset = offset;
    }
}
