package org.kinspect.graph.recurrent;

import java.util.Map;
import java.util.List;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * kinspect's GRU run from a given initial state and differentiated back through time by its own
 * backpropagation ({@link GruLayerImpl#backwardFrom}), which also gives the initial state's gradient.
 *
 * @param layer the GRU, in the (batch, features, time) format the vertex gives it
 * @param sequence (batch, features, time)
 * @param initialState (batch, units), or null for zeros
 * @param outputs the output at every step, (batch, units, time)
 */
record GruThroughTime(GruLayerImpl layer, INDArray sequence, INDArray initialState, INDArray outputs)
        implements DirectionThroughTime {

    static GruThroughTime forward(GruLayerImpl layer, INDArray sequence, List<INDArray> initialStates) {
        INDArray initialState = initialStates == null ? null : initialStates.get(0);
        layer.rnnClearPreviousState();
        if (initialState != null) {
            layer.rnnSetPreviousState(Map.of(GruLayerImpl.STATE_KEY_PREV_ACTIVATION, initialState));
        }
        INDArray outputs = layer.rnnTimeStep(sequence, LayerWorkspaceMgr.noWorkspaces()).detach();
        layer.rnnClearPreviousState();
        return new GruThroughTime(layer, sequence, initialState, outputs);
    }

    @Override
    public Gradients backward(INDArray outputGradient, List<INDArray> finalStateGradients) {
        GruLayerImpl.StateGradients gradients = layer.backwardFrom(sequence, initialState, outputGradient,
                finalStateGradients.get(0), LayerWorkspaceMgr.noWorkspaces());
        return new Gradients(gradients.parameters(), gradients.input(), List.of(gradients.initialState()));
    }

    @Override
    public List<INDArray> totalFinalStateGradients(INDArray lastOutputGradient, List<INDArray> finalStateGradients) {
        INDArray own = finalStateGradients.get(0);
        return List.of(own == null ? lastOutputGradient.dup() : own.add(lastOutputGradient));
    }
}
