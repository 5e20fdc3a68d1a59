package org.kinspect.graph.masking;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A masked recurrent layer (or its LastTimeStep, or a Bidirectional of it) run the way Keras runs
 * it: a padded step leaves the state as it was and outputs the previous output (or zeros, with
 * {@code zero_output_for_mask}). DL4J's {@link MaskZeroLayer} instead resets the state to zero at a
 * padded step, which changes every later output of that sequence, and finds the padded steps by
 * content. The mask is the one its origin ({@link InputMask#origin()}) makes, handed to the layer
 * at run time ({@link MaskReader}).
 *
 * <p>It replaces DL4J's MaskZeroLayer in the graph configuration; the layer it wraps keeps its
 * parameters and names.
 */
public class MaskedRnn extends MaskZeroLayer {
    private String maskOrigin;
    private boolean zeroOutputForMask;

    /**
     * @param underlying the recurrent layer, as DL4J's MaskZeroLayer held it
     * @param maskOrigin the Masking or Embedding layer whose mask the layer reads
     * @param zeroOutputForMask Keras's {@code zero_output_for_mask}: zeros, not the previous
     *     output, at padded steps
     */
    public MaskedRnn(@JsonProperty("underlying") Layer underlying,
            @JsonProperty("maskOrigin") String maskOrigin,
            @JsonProperty("zeroOutputForMask") boolean zeroOutputForMask) {
        super(underlying, 0.0); // DL4J's masking value: unused, the mask is handed over
        if (underlying != null && underlying.getLayerName() != null) {
            // The wrapper carries the layer's name too: DL4J's JSON writes the wrapper's name, and
            // reading it sets the wrapped layer's, which a graph built from the JSON looks vertices up by.
            setLayerName(underlying.getLayerName());
        }
        this.maskOrigin = maskOrigin;
        this.zeroOutputForMask = zeroOutputForMask;
    }

    /** @return the Masking or Embedding layer whose mask the layer reads */
    public String getMaskOrigin() {
        return maskOrigin;
    }

    /** @param maskOrigin the Masking or Embedding layer whose mask the layer reads */
    public void setMaskOrigin(String maskOrigin) {
        this.maskOrigin = maskOrigin;
    }

    /** @return whether padded steps output zeros rather than the previous output */
    public boolean isZeroOutputForMask() {
        return zeroOutputForMask;
    }

    /** @param zeroOutputForMask whether padded steps output zeros rather than the previous output */
    public void setZeroOutputForMask(boolean zeroOutputForMask) {
        this.zeroOutputForMask = zeroOutputForMask;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return new MaskedRnnImpl(UnderlyingLayer.instantiate(this, conf, trainingListeners, layerIndex, layerParamsView,
                initializeParams, networkDataType), this);
    }

    @Override
    public MaskedRnn clone() {
        return (MaskedRnn) super.clone();
    }

    @Override
    public String toString() {
        return "MaskedRnn(" + getUnderlying() + ", maskOrigin=" + maskOrigin + ", zeroOutputForMask="
                + zeroOutputForMask + ")";
    }
}
