package org.kinspect.graph.masking;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Instantiates the layer a DL4J wrapper configuration holds, with a configuration of its own: what
 * kinspect's masking wrappers ({@link MaskingLayer}, {@link MaskedRnn}) do before wrapping
 * the result in their own running layer.
 *
 * <pre>{@code
 * return new MaskingLayerImpl(UnderlyingLayer.instantiate(this, conf, listeners, index, params, init, type), this);
 * }</pre>
 */
final class UnderlyingLayer {

    private UnderlyingLayer() {}

    static org.deeplearning4j.nn.api.Layer instantiate(BaseWrapperLayer wrapper, NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration underlyingConf = conf.clone();
        underlyingConf.setLayer(((BaseWrapperLayer) underlyingConf.getLayer()).getUnderlying());
        return wrapper.getUnderlying().instantiate(underlyingConf, trainingListeners, layerIndex, layerParamsView,
                initializeParams, networkDataType);
    }
}
