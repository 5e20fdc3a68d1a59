package org.kinspect.graph.recurrent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.RecurrentLayer;
import org.kinspect.config.TensorRef;
import org.kinspect.graph.layers.InputMask;
import org.kinspect.graph.layers.KinspectKerasLayers;

/**
 * DL4J's graph gives a layer one input and one output, so it cannot express a recurrent layer
 * that starts from given states or returns its states. Before DL4J's importer sees the
 * configuration, each such layer {@code L} becomes:
 * <ul>
 *   <li>{@code L__outputs}, a {@link KerasRecurrentWithStates} reading the sequence and the initial
 *       states (and masking the sequence as Keras does, when a Masking layer or an Embedding with
 *       {@code mask_zero} feeds it) and packing everything Keras returns into one output, and</li>
 *   <li>{@code L} (the output), {@code L__1}, {@code L__2}... (the final states, with
 *       {@code return_state}), {@link KerasRecurrentOutput}s taking them out again,</li>
 * </ul>
 * and every reference to output k of {@code L} (in later layers and in the model's outputs) is
 * pointed at {@code L} or {@code L__k}: the names the inspector shows them under.
 *
 * <pre>{@code
 * RecurrentStateRewrite.rewrite(spec, functionalConfig); // functionalConfig: {"layers": [...], "output_layers": [...]}
 * }</pre>
 */
public final class RecurrentStateRewrite {
    private static final String PACKED_SUFFIX = "__outputs";

    private RecurrentStateRewrite() {}

    /**
     * Rewrites, in place, a functional configuration that DL4J's importer is about to read.
     *
     * @param spec the model, as its configuration describes it
     * @param model the configuration's {@code config}: {@code layers}, {@code output_layers}...
     * @throws UnsupportedKerasConfigurationException naming the layer when a recurrent layer with
     *     states gets a mask kinspect cannot recompute, or a number of initial states it does not have
     */
    @SuppressWarnings("unchecked")
    public static void rewrite(ModelSpec spec, Map<String, Object> model) throws UnsupportedKerasConfigurationException {
        Map<String, RecurrentLayer> rewritten = new LinkedHashMap<>();
        for (RecurrentLayer layer : RecurrentLayer.in(spec)) {
            if (layer.returnState() || layer.hasInitialStates() || readsBackwardsUnseenByDl4j(layer, spec)) {
                check(layer, spec);
                rewritten.put(layer.name(), layer);
            }
        }
        if (rewritten.isEmpty()) {
            return;
        }
        registerWithDl4j();
        List<Object> original = (List<Object>) model.get("layers");
        List<Object> layers = new ArrayList<>();
        for (Object entry : original) {
            Map<String, Object> layer = (Map<String, Object>) entry;
            String name = String.valueOf(((Map<String, Object>) layer.get("config")).get("name"));
            RecurrentLayer recurrent = rewritten.get(name);
            if (recurrent == null) {
                layer.put("inbound_nodes", pointAtOutputs(layer.get("inbound_nodes"), rewritten));
                layers.add(layer);
            } else {
                LayerSpec layerSpec = spec.layer(name).orElseThrow();
                layers.add(packed(layer, recurrent, layerSpec, spec, rewritten));
                for (int output = 0; output < recurrent.outputCount(); output++) {
                    layers.add(output(recurrent, output));
                }
            }
        }
        original.clear(); // in place: the caller may hold the list
        original.addAll(layers);
        if (model.get("output_layers") instanceof List<?> outputs) {
            model.put("output_layers", pointAtOutputs(outputs, rewritten));
        }
    }

    /**
     * DL4J's LSTM and SimpleRNN mappers ignore {@code go_backwards} (and would read the sequence
     * forwards); the vertex reads it backwards as Keras does, masked or not. GRU and Bidirectional
     * have mappers of their own that reverse it.
     */
    private static boolean readsBackwardsUnseenByDl4j(RecurrentLayer layer, ModelSpec spec) {
        return !layer.bidirectional() && (layer.cell().equals("LSTM") || layer.cell().equals("SimpleRNN"))
                && Boolean.TRUE.equals(spec.layer(layer.name()).orElseThrow().config().get("go_backwards"));
    }

    /** The Keras layer mappers kinspect adds to DL4J's, for the layers it wraps (GRU...). */
    static Map<String, Class<? extends KerasLayer>> customLayers() {
        return KinspectKerasLayers.byClassName();
    }

    private static void registerWithDl4j() {
        KerasLayer.registerCustomLayer(KerasRecurrentWithStates.CLASS_NAME, KerasRecurrentWithStates.class);
        KerasLayer.registerCustomLayer(KerasRecurrentOutput.CLASS_NAME, KerasRecurrentOutput.class);
    }

    private static void check(RecurrentLayer layer, ModelSpec spec) throws UnsupportedKerasConfigurationException {
        if (layer.hasInitialStates() && layer.initialStates().size() != layer.stateCount()) {
            throw new UnsupportedKerasConfigurationException("recurrent layer '" + layer.name() + "' has "
                    + layer.stateCount() + " states " + layer.stateNames() + " but is given "
                    + layer.initialStates().size() + " initial states");
        }
        InputMask mask = InputMask.of(spec.layer(layer.name()).orElseThrow(), spec);
        if (receivesMask(layer, spec) && mask.unfollowableThrough() != null) {
            throw new UnsupportedKerasConfigurationException("layer '" + layer.name() + "': its input mask comes"
                    + " through a " + mask.unfollowableThrough() + " layer, which changes the values; kinspect"
                    + " cannot recompute such a mask");
        }
    }

    private static Map<String, Object> packed(Map<String, Object> layer, RecurrentLayer recurrent, LayerSpec layerSpec,
            ModelSpec spec, Map<String, RecurrentLayer> rewritten) {
        Map<String, Object> kerasLayer = new LinkedHashMap<>();
        kerasLayer.put("class_name", layer.get("class_name"));
        kerasLayer.put("config", layer.get("config"));
        Map<String, Object> config = new LinkedHashMap<>();
        String name = recurrent.name() + PACKED_SUFFIX;
        config.put("name", name);
        config.put("layer", kerasLayer);
        config.put("states_per_direction", recurrent.statesPerDirection());
        Double maskValue = receivesMask(recurrent, spec) ? InputMask.of(layerSpec, spec).value() : null;
        if (maskValue != null) {
            config.put("mask_value", maskValue);
            // Keras's Bidirectional makes both directions output zeros at padded steps of a sequence.
            config.put("zero_output_for_mask", recurrent.bidirectional() ? recurrent.returnSequences()
                    : Boolean.TRUE.equals(layerSpec.config().get("zero_output_for_mask")));
        }
        List<Object> call = new ArrayList<>();
        for (TensorRef tensor : layerSpec.inboundTensors()) {
            call.add(keras2Tensor(target(tensor, rewritten)));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", KerasRecurrentWithStates.CLASS_NAME);
        entry.put("name", name);
        entry.put("config", config);
        entry.put("inbound_nodes", List.of(call));
        return entry;
    }

    /**
     * Keras 3 hands a layer the mask of its input only when the layer is called on one tensor: a
     * recurrent layer called with {@code initial_state} gets none, and reads the padding like any
     * other step. Keras 2 masks it.
     */
    private static boolean receivesMask(RecurrentLayer recurrent, ModelSpec spec) {
        return spec.kerasMajorVersion() <= 2 || !recurrent.hasInitialStates();
    }

    private static Map<String, Object> output(RecurrentLayer recurrent, int output) {
        String name = TensorRef.outputName(recurrent.name(), output);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("output", output);
        config.put("output_size", recurrent.outputSize());
        config.put("state_sizes", java.util.Collections.nCopies(recurrent.stateCount(), recurrent.units()));
        config.put("return_sequences", recurrent.returnSequences());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", KerasRecurrentOutput.CLASS_NAME);
        entry.put("name", name);
        entry.put("config", config);
        entry.put("inbound_nodes",
                List.of(List.of(keras2Tensor(new TensorRef(recurrent.name() + PACKED_SUFFIX, 0, 0)))));
        return entry;
    }

    /** The vertex that stands for a tensor after the rewrite. */
    private static TensorRef target(TensorRef tensor, Map<String, RecurrentLayer> rewritten) {
        return rewritten.containsKey(tensor.layer()) ? new TensorRef(tensor.outputName(), 0, 0) : tensor;
    }

    /**
     * Points every tensor reference ({@code [LAYER, NODE, INDEX, ...]}) in an inbound_nodes or
     * output_layers structure at the vertex that now stands for it.
     */
    private static Object pointAtOutputs(Object structure, Map<String, RecurrentLayer> rewritten) {
        if (!(structure instanceof List<?> list)) {
            return structure;
        }
        if (list.size() >= 3 && list.get(0) instanceof String layer && list.get(1) instanceof Number node
                && list.get(2) instanceof Number index) {
            if (!rewritten.containsKey(layer)) {
                return list;
            }
            List<Object> copy = new ArrayList<>(list);
            copy.set(0, TensorRef.outputName(layer, index.intValue()));
            copy.set(1, 0);
            copy.set(2, 0);
            return copy;
        }
        List<Object> copy = new ArrayList<>();
        for (Object element : list) {
            copy.add(pointAtOutputs(element, rewritten));
        }
        return copy;
    }

    private static List<Object> keras2Tensor(TensorRef tensor) {
        List<Object> form = new ArrayList<>();
        form.add(tensor.layer());
        form.add(tensor.node());
        form.add(tensor.index());
        form.add(new LinkedHashMap<>());
        return form;
    }
}
