package org.kinspect.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * The same model with chosen recurrent layers also returning their final states, as if Keras had
 * built them with {@code return_state=True}: their states become outputs {@code LAYER__1},
 * {@code LAYER__2}... that the inspector shows, and nothing else changes.
 *
 * <pre>{@code
 * ModelSpec withStates = ReturnedStates.of(spec, List.of("lstm_1")); // lstm_1__1 (h), lstm_1__2 (c)
 * }</pre>
 */
public final class ReturnedStates {

    private ReturnedStates() {}

    /**
     * @param spec a model
     * @param layers recurrent layers of it
     * @return the model with those layers returning their states
     * @throws KinspectException when one of the layers is not a recurrent layer of the model
     */
    public static ModelSpec of(ModelSpec spec, Collection<String> layers) {
        for (String layer : layers) {
            if (spec.layer(layer).flatMap(RecurrentLayer::of).isEmpty()) {
                throw KinspectException.input("layer '" + layer + "' is not a recurrent layer (LSTM, GRU, SimpleRNN or"
                        + " a Bidirectional of one); only those have states");
            }
        }
        List<Object> entries = new ArrayList<>();
        for (Map<String, Object> entry : DerivedModels.layerEntries(spec)) {
            if (layers.contains(DerivedModels.layerName(entry))) {
                DerivedModels.returnStates(entry);
            }
            entries.add(entry);
        }
        return DerivedModels.describe(spec, spec.modelName(), entries, spec.inputNames(), spec.outputTensors());
    }

    /**
     * @param spec a model
     * @param layer one of its layers
     * @return the names its final states have among the activations when it returns them
     *     ({@code LAYER__1}, {@code LAYER__2}...); empty for a layer that is not recurrent
     */
    public static List<String> outputNames(ModelSpec spec, String layer) {
        int states = spec.layer(layer).flatMap(RecurrentLayer::of).map(RecurrentLayer::stateCount).orElse(0);
        List<String> names = new ArrayList<>();
        for (int index = 1; index <= states; index++) {
            names.add(TensorRef.outputName(layer, index));
        }
        return names;
    }
}
