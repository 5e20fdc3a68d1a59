package org.kinspect.graph.recurrent;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.kinspect.graph.recurrent.GruLayerImpl;

/**
 * The keys under which a recurrent layer (DL4J's LSTM and SimpleRnn, kinspect's GRU) keeps its
 * state between {@code rnnTimeStep} calls, in Keras's order of the states (h, then c for an LSTM).
 */
final class StateKeys {

    private StateKeys() {}

    static List<String> of(Layer layer) {
        if (layer instanceof LSTM) {
            return List.of(LSTM.STATE_KEY_PREV_ACTIVATION, LSTM.STATE_KEY_PREV_MEMCELL);
        }
        if (layer instanceof SimpleRnn) {
            return List.of(SimpleRnn.STATE_KEY_PREV_ACTIVATION);
        }
        if (layer instanceof GruLayerImpl) {
            return List.of(GruLayerImpl.STATE_KEY_PREV_ACTIVATION);
        }
        throw new IllegalArgumentException("no known state for DL4J layer " + layer.getClass().getSimpleName());
    }
}
