package org.kinspect.graph;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.kinspect.graph.recurrent.Keras3HardSigmoid;
import org.kinspect.graph.recurrent.RecurrentWithStatesVertex;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;

/**
 * Makes a graph built by DL4J's Keras 2 mappers compute what Keras 3 computes where the two
 * differ: {@code hard_sigmoid} is {@code relu6(x + 3) / 6} in Keras 3, not Keras 2's
 * {@code clip(0.2 x + 0.5, 0, 1)} that DL4J's mappers give every layer naming it. (Masking differs
 * too, in which layers hand a mask on: {@link org.kinspect.graph.masking.InputMask} reads that by
 * version for every file.)
 *
 * <pre>{@code
 * if (spec.kerasMajorVersion() >= 3) Keras3Semantics.apply(configuration);
 * }</pre>
 */
final class Keras3Semantics {

    private Keras3Semantics() {}

    /** @param configuration the graph configuration DL4J built, changed in place before the graph is made */
    static void apply(ComputationGraphConfiguration configuration) {
        for (GraphVertex vertex : configuration.getVertices().values()) {
            if (vertex instanceof LayerVertex layerVertex) {
                useKeras3HardSigmoid(layerVertex.getLayerConf().getLayer());
            } else if (vertex instanceof RecurrentWithStatesVertex recurrent) {
                // kinspect's own vertex holds the recurrent layers of a layer with states or read
                // backwards: they were mapped by DL4J too, with Keras 2's hard_sigmoid
                useKeras3HardSigmoid(recurrent.getForward().getLayer());
                if (recurrent.getBackward() != null) {
                    useKeras3HardSigmoid(recurrent.getBackward().getLayer());
                }
            }
        }
    }

    private static void useKeras3HardSigmoid(Layer layer) {
        if (layer instanceof BaseWrapperLayer wrapper) {
            useKeras3HardSigmoid(wrapper.getUnderlying());
        } else if (layer instanceof Bidirectional bidirectional) {
            useKeras3HardSigmoid(bidirectional.getFwd());
            useKeras3HardSigmoid(bidirectional.getBwd());
        }
        if (layer instanceof BaseLayer base && isKeras2HardSigmoid(base.getActivationFn())) {
            base.setActivationFn(new Keras3HardSigmoid());
        }
        if (layer instanceof AbstractLSTM lstm && isKeras2HardSigmoid(lstm.getGateActivationFn())) {
            lstm.setGateActivationFn(new Keras3HardSigmoid());
        }
        if (layer instanceof ActivationLayer activation && isKeras2HardSigmoid(activation.getActivationFn())) {
            activation.setActivationFn(new Keras3HardSigmoid());
        }
    }

    private static boolean isKeras2HardSigmoid(IActivation activation) {
        return activation instanceof ActivationHardSigmoid;
    }
}
