package org.kinspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.RecurrentLayer;
import org.kinspect.config.TensorRef;

/**
 * One layer of an opened model as its configuration describes it: a read-only view for users, who
 * are not handed the library's own description of the model.
 *
 * <pre>{@code
 * ModelLayer lstm = model.requireLayer("lstm_1");
 * lstm.className();          // LSTM
 * lstm.inboundLayers();      // [signal]
 * lstm.stateNames();         // [h, c]
 * lstm.stateOutputNames();   // [lstm_1__1, lstm_1__2]: where its final states are among the activations
 * }</pre>
 *
 * @param name the Keras layer name (a shared layer's later call is {@code LAYER@1}...)
 * @param className the Keras class, e.g. {@code LSTM}, {@code Conv2D}, {@code InputLayer}
 * @param inboundLayers the layers whose outputs it reads, in call order, each once
 * @param recurrentCell for a recurrent layer (LSTM, GRU, SimpleRNN, or a Bidirectional wrapper of
 *     one) the recurrent class, else null
 * @param stateNames a recurrent layer's states in Keras's order ({@code [h, c]}, {@code [h]},
 *     {@code [forward_h, ..., backward_c]}); empty for other layers
 * @param returnsStates whether it outputs its final states after its output ({@code return_state=True})
 * @param weightsOwner the layer whose weights it computes with: its own name, or for a later call of
 *     a shared layer ({@code shared@1}) the layer called ({@code shared})
 */
public record ModelLayer(String name, String className, List<String> inboundLayers, String recurrentCell,
        List<String> stateNames, boolean returnsStates, String weightsOwner) {

    public ModelLayer {
        inboundLayers = List.copyOf(inboundLayers);
        stateNames = List.copyOf(stateNames);
    }

    /** The view of one layer of the library's description. */
    static ModelLayer of(LayerSpec layer) {
        Optional<RecurrentLayer> recurrent = RecurrentLayer.of(layer);
        return new ModelLayer(layer.name(), layer.className(), layer.inboundLayers(),
                recurrent.map(RecurrentLayer::cell).orElse(null),
                recurrent.map(RecurrentLayer::stateNames).orElse(List.of()),
                recurrent.map(RecurrentLayer::returnState).orElse(false), layer.weightsOwner());
    }

    /** @return true for a later call of a shared layer ({@code shared@1}), which has no weights of its own */
    public boolean isLaterCall() {
        return !weightsOwner.equals(name);
    }

    /** @return true for an LSTM, GRU or SimpleRNN layer, or a Bidirectional wrapper of one */
    public boolean isRecurrent() {
        return recurrentCell != null;
    }

    /**
     * @return the names its final states have among the activations when it returns them
     *     ({@code LAYER__1}, {@code LAYER__2}..., one per {@link #stateNames()}); empty for a layer
     *     that is not recurrent
     */
    public List<String> stateOutputNames() {
        List<String> names = new ArrayList<>();
        for (int index = 1; index <= stateNames.size(); index++) {
            names.add(TensorRef.outputName(name, index));
        }
        return names;
    }
}
