package org.kinspect.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's stateful recurrent layers ({@code stateful=True}): Keras starts each batch from the
 * states the previous batch ended with. The inspector runs a model from reset (zero) states; to
 * run it as Keras does batch after batch, the model is given those states as inputs and returns
 * them ({@link #carrying}), and the caller carries them.
 *
 * <pre>{@code
 * List<CarriedState> states = StatefulLayers.states(spec); // lstm_1/initial_h, lstm_1/initial_c...
 * ModelSpec carrying = StatefulLayers.carrying(spec);
 * }</pre>
 */
public final class StatefulLayers {

    private StatefulLayers() {}

    /**
     * @param spec a model
     * @return the states of its stateful recurrent layers (those not given initial states), in order
     */
    public static List<CarriedState> states(ModelSpec spec) {
        List<CarriedState> states = new ArrayList<>();
        RecurrentLayer.in(spec).stream().filter(layer -> layer.stateful() && !layer.hasInitialStates())
                .forEach(layer -> states.addAll(CarriedState.of(layer)));
        return states;
    }

    /**
     * @param spec a model
     * @return the same model with its stateful layers' states as inputs ({@link CarriedState#input()})
     *     after its own inputs, and as outputs ({@link CarriedState#next()}) after its own outputs
     */
    public static ModelSpec carrying(ModelSpec spec) {
        return StateInputs.carrying(spec, spec.modelName(), layer -> true, states(spec), false);
    }
}
