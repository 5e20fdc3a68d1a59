package org.kinspect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.config.CarriedState;
import org.kinspect.config.StatefulLayers;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a model with stateful recurrent layers ({@code stateful=True}) batch after batch as Keras
 * does: the first batch starts from zeros (or, for a tf.keras SavedModel, from the states the model
 * was saved with, as Keras goes on from them), each later one from the states the one before ended
 * with, until {@link #reset()}. ({@link InspectedModel#activations} always starts from zeros.)
 *
 * <pre>{@code
 * StatefulSession session = StatefulSession.of(model);
 * Map<String, INDArray> first = session.activations(Map.of("seq", part1));  // from zeros
 * Map<String, INDArray> second = session.activations(Map.of("seq", part2)); // goes on from part1
 * session.reset();                                                          // Keras's reset_states()
 * }</pre>
 */
public final class StatefulSession {
    private final InspectedModel carrying;
    private final List<CarriedState> carried;
    private Map<String, INDArray> states = Map.of();

    private StatefulSession(InspectedModel carrying, List<CarriedState> carried) {
        this.carrying = carrying;
        this.carried = carried;
        this.states = savedStates(carrying, carried);
    }

    /** The states the file keeps for every carried state, or none when it lacks any of them. */
    private static Map<String, INDArray> savedStates(InspectedModel model, List<CarriedState> carried) {
        Map<String, INDArray> saved = new LinkedHashMap<>();
        Map<String, Integer> indexInLayer = new LinkedHashMap<>();
        for (CarriedState state : carried) {
            int index = indexInLayer.merge(state.layer(), 1, Integer::sum) - 1;
            List<INDArray> layerStates = model.archive().weights().savedStates(state.layer());
            if (index >= layerStates.size() || layerStates.get(index).rank() != 2
                    || layerStates.get(index).size(1) != state.units()) {
                return Map.of();
            }
            saved.put(state.input(), layerStates.get(index));
        }
        return saved;
    }

    /**
     * @param model a model with stateful recurrent layers
     * @return a session at reset states
     * @throws KinspectException when the model has no stateful recurrent layer
     */
    public static StatefulSession of(InspectedModel model) {
        List<CarriedState> carried = StatefulLayers.states(model.spec());
        if (carried.isEmpty()) {
            throw KinspectException.input(model.spec().modelName() + ": no recurrent layer is stateful (stateful=True);"
                    + " every run starts from its initial states, as activations() does");
        }
        return new StatefulSession(new InspectedModel(ModelImport.described(model.archive(),
                StatefulLayers.carrying(model.spec()), ImportOptions.defaults()), ImportOptions.defaults()), carried);
    }

    /**
     * Runs one batch, starting from the states the previous batch ended with (zeros after a reset).
     *
     * @param inputs one array per model input, keyed by input layer name, in Keras's layout
     * @return every layer's output in Keras's layout, the stateful layers' final states included
     *     ({@code LAYER__1}...)
     * @throws KinspectException when an input is missing or of the wrong shape, or the batch size
     *     changed without a reset
     */
    public Map<String, INDArray> activations(Map<String, INDArray> inputs) {
        long batch = inputs.values().stream().findFirst().map(input -> input.size(0)).orElse(1L);
        Map<String, INDArray> all = new LinkedHashMap<>(inputs);
        for (CarriedState state : carried) {
            INDArray value = states.get(state.input());
            if (value != null && value.size(0) != batch) {
                throw KinspectException.input("this batch has " + batch + " examples, the states it goes on from are"
                        + " for " + value.size(0) + "; a stateful layer carries one state per example (reset() first)");
            }
            all.put(state.input(), value != null ? value : Nd4j.zeros(DataType.FLOAT, batch, state.units()));
        }
        Map<String, INDArray> activations = carrying.activations(all);
        Map<String, INDArray> next = new LinkedHashMap<>();
        carried.forEach(state -> next.put(state.input(), activations.get(state.next().outputName())));
        states = next;
        carried.forEach(state -> activations.remove(state.input()));
        return activations;
    }

    /** Forgets the states: the next batch starts from zeros, as after Keras's {@code reset_states()}. */
    public void reset() {
        states = Map.of();
    }

    /**
     * @return the states the next batch starts from, keyed by {@code LAYER/initial_STATE}; empty after
     *     a reset (zeros)
     */
    public Map<String, INDArray> states() {
        return Map.copyOf(states);
    }
}
