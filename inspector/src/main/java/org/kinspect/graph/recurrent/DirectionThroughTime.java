package org.kinspect.graph.recurrent;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One direction of a recurrent layer with states, run forwards from its initial states and kept to
 * be differentiated back through time, for {@link RecurrentWithStatesVertexImpl}'s backward pass:
 * DL4J's LSTM ({@link LstmThroughTime}) and kinspect's GRU ({@link GruThroughTime}). Sequences are
 * (batch, features or units, time), in the order the direction reads them.
 *
 * <pre>{@code
 * DirectionThroughTime pass = DirectionThroughTime.run(direction, sequence, initialStates);
 * DirectionThroughTime.Gradients gradients = pass.backward(outputGradient, finalStateGradients);
 * }</pre>
 */
interface DirectionThroughTime {

    /**
     * The gradients of one backward pass.
     *
     * @param parameters by DL4J's parameter names, in their shapes
     * @param input with respect to the sequence, (batch, features, time)
     * @param initialStates with respect to each initial state, (batch, units), in Keras's order
     */
    record Gradients(Map<String, INDArray> parameters, INDArray input, List<INDArray> initialStates) {
    }

    /** @return whether the direction's layer can be differentiated from its initial states here */
    static boolean supports(Layer direction) {
        return direction instanceof LSTM || direction instanceof GruLayerImpl
                && !((GruLayer) direction.conf().getLayer()).isGoBackwards();
    }

    /**
     * @param direction a layer {@link #supports} takes
     * @param sequence (batch, features, time)
     * @param initialStates in Keras's order, each (batch, units); null for zeros
     * @return the direction run forwards
     */
    static DirectionThroughTime run(Layer direction, INDArray sequence, List<INDArray> initialStates) {
        if (direction instanceof LSTM lstm) {
            return LstmThroughTime.forward(lstm, sequence, initialStates);
        }
        return GruThroughTime.forward((GruLayerImpl) direction, sequence, initialStates);
    }

    /** @return the output at every step, (batch, units, time) */
    INDArray outputs();

    /**
     * @param outputGradient the gradient with respect to the output at every step, (batch, units, time)
     * @param finalStateGradients with respect to each final state, (batch, units) or null
     * @return the gradients with respect to the parameters, the sequence and the initial states
     */
    Gradients backward(INDArray outputGradient, List<INDArray> finalStateGradients);

    /**
     * The total derivatives of the final states, as Keras reports them: the final h through every
     * reader of it (its own, and the output's last step, which is that h), any other state also
     * through the h computed from it.
     *
     * @param lastOutputGradient the output's gradient at the last step read, (batch, units)
     * @param finalStateGradients the final states' own readers' gradients, each (batch, units) or null
     * @return each final state's total gradient
     */
    List<INDArray> totalFinalStateGradients(INDArray lastOutputGradient, List<INDArray> finalStateGradients);
}
