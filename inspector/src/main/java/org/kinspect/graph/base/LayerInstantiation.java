package org.kinspect.graph.base;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The wiring every DL4J layer configuration does in {@code instantiate}, once for kinspect's own
 * layer configurations: listeners, index, the view of the network's parameter vector, and the
 * parameters cut from that view by the configuration's initializer.
 *
 * <pre>{@code
 * public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
 *         int index, INDArray view, boolean initialize, DataType type) {
 *     return LayerInstantiation.wire(new GruLayerImpl(conf, type), this, conf, listeners, index, view, initialize);
 * }
 * }</pre>
 */
public final class LayerInstantiation {

    private LayerInstantiation() {}

    /**
     * @param layer the running layer, just made
     * @param configuration its configuration, whose initializer cuts its parameters
     * @param conf the network configuration of the layer
     * @param listeners the network's training listeners
     * @param index the layer's index in the network
     * @param parametersView the layer's part of the network's parameter vector
     * @param initializeParameters whether to fill the parameters (false: kinspect puts the Keras weights in)
     * @param <T> the running layer's type
     * @return the layer, wired
     */
    public static <T extends org.deeplearning4j.nn.api.Layer> T wire(T layer, Layer configuration,
            NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index, INDArray parametersView,
            boolean initializeParameters) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(parametersView);
        layer.setParamTable(configuration.initializer().init(conf, parametersView, initializeParameters));
        layer.setConf(conf);
        return layer;
    }
}
