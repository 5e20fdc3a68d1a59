package org.kinspect.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One state of a recurrent layer that a model takes as an input and returns as an output, so
 * that a caller can carry it from one run to the next: from one decoder step to the next, or from
 * one batch to the next for a stateful layer.
 *
 * @param input the model input for it, {@code LAYER/initial_STATE}, e.g. {@code decoder/initial_h}
 * @param layer the recurrent layer
 * @param state the state's name: {@code h}, {@code c}, {@code forward_h}...
 * @param units its size
 * @param start where its value before the first run comes from, in the original model: another
 *     layer's output or a model input; null for zeros (Keras's default)
 * @param next the output that holds its value after the run: {@code (LAYER, 0, k)}, shown as
 *     {@code LAYER__k}
 */
public record CarriedState(String input, String layer, String state, int units, TensorRef start, TensorRef next) {

    /**
     * @param layer a recurrent layer
     * @return its states, in Keras's order, starting where the layer's initial states come from
     */
    static List<CarriedState> of(RecurrentLayer layer) {
        List<CarriedState> states = new ArrayList<>();
        List<String> names = layer.stateNames();
        for (int i = 0; i < names.size(); i++) {
            TensorRef start = i < layer.initialStates().size() ? layer.initialStates().get(i) : null;
            states.add(new CarriedState(layer.name() + "/initial_" + names.get(i), layer.name(), names.get(i),
                    layer.units(), start, new TensorRef(layer.name(), 0, i + 1)));
        }
        return states;
    }
}
