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
 * Keras's {@code Masking} layer's own output: its input with the masked steps (every feature equal
 * to {@code mask_value}) set to zeros. DL4J's mapper passes the input on unchanged. The mask
 * itself travels beside the values ({@link KerasMasks}).
 *
 * <p>It replaces DL4J's MaskZeroLayer around an identity in the graph configuration.
 */
public class MaskingLayer extends MaskZeroLayer {
    private int featuresAxis;

    /**
     * @param underlying the identity layer DL4J's MaskZeroLayer held
     * @param maskingValue Keras's {@code mask_value}
     * @param featuresAxis the features' axis of the layer's (batch, ..., ...) input: 1 or 2
     */
    public MaskingLayer(@JsonProperty("underlying") Layer underlying, @JsonProperty("maskingValue") double maskingValue,
            @JsonProperty("featuresAxis") int featuresAxis) {
        super(underlying, maskingValue);
        this.featuresAxis = featuresAxis;
    }

    /** @return the features' axis of the layer's input */
    public int getFeaturesAxis() {
        return featuresAxis;
    }

    /** @param featuresAxis the features' axis of the layer's input */
    public void setFeaturesAxis(int featuresAxis) {
        this.featuresAxis = featuresAxis;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return new MaskingLayerImpl(UnderlyingLayer.instantiate(this, conf, trainingListeners, layerIndex, layerParamsView,
                initializeParams, networkDataType), this);
    }

    @Override
    public MaskingLayer clone() {
        return (MaskingLayer) super.clone();
    }
}
