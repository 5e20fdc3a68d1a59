package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Makes recurrent layers take their states from model inputs ({@code LAYER/initial_h}...) and
 * return them as model outputs ({@code LAYER__1}...): the form in which a caller carries states
 * from one run to the next, as a decoder step or a stateful model needs.
 */
final class StateInputs {

    private StateInputs() {}

    /**
     * @param spec a model
     * @param name the new model's name
     * @param kept which of its layers the new model keeps
     * @param states the states to carry, grouped by layer
     * @param anyNumberOfSteps whether the sequence inputs take any number of steps (one at a time)
     * @return the model with those states as inputs and outputs, after its own inputs and outputs
     */
    static ModelSpec carrying(ModelSpec spec, String name, Predicate<String> kept, List<CarriedState> states,
            boolean anyNumberOfSteps) {
        Map<String, List<CarriedState>> statesByLayer = new LinkedHashMap<>();
        states.forEach(state -> statesByLayer.computeIfAbsent(state.layer(), layer -> new ArrayList<>()).add(state));
        List<Object> layers = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (Map<String, Object> entry : DerivedModels.layerEntries(spec)) {
            String layer = DerivedModels.layerName(entry);
            if (!kept.test(layer)) {
                continue;
            }
            if (spec.inputNames().contains(layer)) {
                if (anyNumberOfSteps) {
                    anyNumberOfSteps(entry);
                }
                inputs.add(layer);
            } else if (statesByLayer.containsKey(layer)) {
                startFromStateInputs(entry, spec.layer(layer).orElseThrow(), statesByLayer.get(layer));
            }
            layers.add(entry);
        }
        layers.addAll(0, states.stream().map(StateInputs::stateInput).toList());
        inputs.sort(java.util.Comparator.comparingInt(spec.inputNames()::indexOf));
        states.forEach(state -> inputs.add(state.input()));
        List<TensorRef> outputs = new ArrayList<>();
        spec.outputTensors().stream().filter(output -> kept.test(output.layer())).forEach(outputs::add);
        states.stream().map(CarriedState::next).filter(next -> !outputs.contains(next)).forEach(outputs::add);
        return DerivedModels.describe(spec, name, layers, inputs, outputs);
    }

    /** A model run one step at a time: its sequence inputs take any number of steps. */
    @SuppressWarnings("unchecked")
    private static void anyNumberOfSteps(Map<String, Object> inputEntry) {
        Map<String, Object> config = (Map<String, Object>) inputEntry.get("config");
        for (String key : List.of("batch_input_shape", "batch_shape")) {
            if (config.get(key) instanceof List<?> shape && shape.size() == 3) {
                List<Object> anySteps = new ArrayList<>(shape);
                anySteps.set(1, null);
                config.put(key, anySteps);
            }
        }
    }

    /** Calls a recurrent layer on its sequence and its state inputs, and makes it return its states. */
    private static void startFromStateInputs(Map<String, Object> entry, LayerSpec layer, List<CarriedState> states) {
        List<Object> call = new ArrayList<>();
        call.add(DerivedModels.tensorEntry(layer.inboundTensors().get(0)));
        states.forEach(state -> call.add(DerivedModels.tensorEntry(new TensorRef(state.input(), 0, 0))));
        entry.put("inbound_nodes", List.of(call));
        DerivedModels.returnStates(entry);
    }

    private static Map<String, Object> stateInput(CarriedState state) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("batch_input_shape", java.util.Arrays.asList(null, state.units()));
        config.put("dtype", "float32");
        config.put("sparse", false);
        config.put("name", state.input());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", "InputLayer");
        entry.put("name", state.input());
        entry.put("config", config);
        entry.put("inbound_nodes", new ArrayList<>());
        return entry;
    }
}
