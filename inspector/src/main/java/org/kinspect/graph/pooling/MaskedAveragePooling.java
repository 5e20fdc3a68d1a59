package org.kinspect.graph.pooling;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.kinspect.graph.base.LayerInstantiation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's {@code GlobalAveragePooling1D} of a masked sequence: the average over the steps the
 * mask keeps, {@code sum(x * mask) / sum(mask)}, as Keras 2 and 3 compute it. The mask is the one
 * its origin (a Masking layer, an Embedding with {@code mask_zero}) makes, handed over at run time.
 *
 * <pre>{@code
 * GlobalPoolingLayer masked = new MaskedAveragePooling(new int[] {2}, true, "embedding");
 * }</pre>
 */
public class MaskedAveragePooling extends GlobalPoolingLayer {
    private String maskOrigin;

    /**
     * @param poolingDimensions the steps' axis of the layer's input, as DL4J's pooling has it
     * @param collapseDimensions whether the pooled axis is dropped (Keras's {@code keepdims=False})
     * @param maskOrigin the Masking or Embedding layer whose mask the sequence carries
     */
    public MaskedAveragePooling(@JsonProperty("poolingDimensions") int[] poolingDimensions,
            @JsonProperty("collapseDimensions") boolean collapseDimensions,
            @JsonProperty("maskOrigin") String maskOrigin) {
        super(PoolingType.AVG);
        setPoolingDimensions(poolingDimensions);
        setCollapseDimensions(collapseDimensions);
        this.maskOrigin = maskOrigin;
    }

    /** @return the Masking or Embedding layer whose mask the sequence carries */
    public String getMaskOrigin() {
        return maskOrigin;
    }

    /** @param maskOrigin the Masking or Embedding layer whose mask the sequence carries */
    public void setMaskOrigin(String maskOrigin) {
        this.maskOrigin = maskOrigin;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerInstantiation.wire(new MaskedAveragePoolingLayer(conf, networkDataType), this, conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public MaskedAveragePooling clone() {
        return (MaskedAveragePooling) super.clone();
    }
}
