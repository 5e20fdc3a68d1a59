package org.kinspect.graph.recurrent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.RecurrentLayer;
import org.kinspect.config.TensorRef;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.base.RegisteredMappers;
import org.kinspect.graph.masking.InputMask;
import org.kinspect.graph.masking.MaskedSteps;

/**
 * DL4J's graph gives a layer one input and one output, so it cannot express a recurrent layer
 * that starts from given states or returns its states, nor an attention layer that returns its
 * attention scores. Before DL4J's importer sees the configuration, each such layer {@code L} becomes:
 * <ul>
 *   <li>{@code L__outputs}, a {@link RecurrentWithStatesMapper} reading the sequence and the initial
 *       states (and masking the sequence as Keras does, when a Masking layer or an Embedding with
 *       {@code mask_zero} feeds it) and packing everything Keras returns into one output, and</li>
 *   <li>{@code L} (the output), {@code L__1}, {@code L__2}... (the final states, with
 *       {@code return_state}), {@link RecurrentOutputMapper}s taking them out again,</li>
 * </ul>
 * or, for an attention layer called with {@code return_attention_scores=True}, {@code L__outputs}
 * is the attention layer itself packing its output and scores, and {@code L__1} the scores;
 * and every reference to output k of {@code L} (in later layers and in the model's outputs) is
 * pointed at {@code L} or {@code L__k}: the names the inspector shows them under.
 *
 * <pre>{@code
 * RecurrentStateRewrite.rewrite(spec, functionalConfig, hints); // functionalConfig: {"layers": [...], "output_layers": [...]}
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
     * @param hints the import's table of hints: a packed attention layer's are its Keras layer's
     * @throws UnsupportedKerasConfigurationException naming the layer when a recurrent layer with
     *     states gets a mask kinspect cannot recompute, or a number of initial states it does not have
     */
    @SuppressWarnings("unchecked")
    public static void rewrite(ModelSpec spec, Map<String, Object> model, ImportHints.Builder hints)
            throws UnsupportedKerasConfigurationException {
        Map<String, RecurrentLayer> recurrentLayers = new LinkedHashMap<>();
        for (RecurrentLayer layer : RecurrentLayer.in(spec)) {
            if (layer.returnState() || layer.hasInitialStates() || readsBackwardsUnseenByDl4j(layer, spec)) {
                check(layer, spec);
                recurrentLayers.put(layer.name(), layer);
            }
        }
        Set<String> rewritten = new HashSet<>(recurrentLayers.keySet());
        List<Object> original = (List<Object>) model.get("layers");
        for (Object entry : original) {
            if (AttentionWithScores.of((Map<String, Object>) entry, spec).isPresent()) {
                rewritten.add(layerName((Map<String, Object>) entry));
            }
        }
        if (rewritten.isEmpty()) {
            return;
        }
        registerWithDl4j();
        List<Object> layers = new ArrayList<>();
        for (Object entry : original) {
            Map<String, Object> layer = (Map<String, Object>) entry;
            String name = layerName(layer);
            RecurrentLayer recurrent = recurrentLayers.get(name);
            Optional<AttentionWithScores> attention = AttentionWithScores.of(layer, spec);
            if (attention.isPresent()) {
                layer.put("inbound_nodes", pointAtOutputs(layer.get("inbound_nodes"), rewritten));
                layers.add(attention.get().packed(name + PACKED_SUFFIX));
                hints.sameAs(name + PACKED_SUFFIX, name); // its mapper is given the packed name

                layers.add(output(name, 0, attention.get().outputShape(), PACKED_SUFFIX));
                layers.add(output(name, 1, attention.get().outputShape(), PACKED_SUFFIX));
            } else if (recurrent == null) {
                layer.put("inbound_nodes", pointAtOutputs(layer.get("inbound_nodes"), rewritten));
                layers.add(layer);
            } else {
                LayerSpec layerSpec = spec.layer(name).orElseThrow();
                layers.add(packed(layer, recurrent, layerSpec, spec, rewritten));
                for (int output = 0; output < recurrent.outputCount(); output++) {
                    layers.add(output(recurrent.name(), output, new OutputShape(recurrent.outputSize(),
                            java.util.Collections.nCopies(recurrent.stateCount(), List.of(recurrent.units())),
                            recurrent.returnSequences()), PACKED_SUFFIX));
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
        return RegisteredMappers.byClassName();
    }

    private static void registerWithDl4j() {
        KerasLayer.registerCustomLayer(RecurrentWithStatesMapper.CLASS_NAME, RecurrentWithStatesMapper.class);
        KerasLayer.registerCustomLayer(RecurrentOutputMapper.CLASS_NAME, RecurrentOutputMapper.class);
    }

    private static void check(RecurrentLayer layer, ModelSpec spec) throws UnsupportedKerasConfigurationException {
        if (layer.hasInitialStates() && layer.initialStates().size() != layer.stateCount()) {
            throw new UnsupportedKerasConfigurationException("recurrent layer '" + layer.name() + "' has "
                    + layer.stateCount() + " states " + layer.stateNames() + " but is given "
                    + layer.initialStates().size() + " initial states");
        }
        InputMask mask = InputMask.of(spec.layer(layer.name()).orElseThrow(), spec);
        if (receivesMask(layer, spec) && mask.unfollowableThrough() != null) {
            throw new UnsupportedKerasConfigurationException(mask.refusal(layer.name()));
        }
    }

    private static Map<String, Object> packed(Map<String, Object> layer, RecurrentLayer recurrent, LayerSpec layerSpec,
            ModelSpec spec, Set<String> rewritten) {
        Map<String, Object> kerasLayer = new LinkedHashMap<>();
        kerasLayer.put("class_name", layer.get("class_name"));
        kerasLayer.put("config", layer.get("config"));
        Map<String, Object> config = new LinkedHashMap<>();
        String name = recurrent.name() + PACKED_SUFFIX;
        config.put("name", name);
        config.put("layer", kerasLayer);
        config.put("states_per_direction", recurrent.statesPerDirection());
        String maskOrigin = receivesMask(recurrent, spec) ? InputMask.of(layerSpec, spec).origin() : null;
        if (maskOrigin != null) {
            config.put("mask_origin", maskOrigin);
            Map<?, ?> recurrentConfig = recurrent.bidirectional()
                    && layerSpec.config().get("layer") instanceof Map<?, ?> wrapped
                    && wrapped.get("config") instanceof Map<?, ?> inner ? inner : layerSpec.config();
            config.put("zero_output_for_mask", MaskedSteps.zeroOutputForMask(recurrentConfig,
                    recurrent.bidirectional(), spec.kerasMajorVersion()));
        }
        List<Object> call = new ArrayList<>();
        for (TensorRef tensor : layerSpec.inboundTensors()) {
            call.add(keras2Tensor(target(tensor, rewritten)));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", RecurrentWithStatesMapper.CLASS_NAME);
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

    /**
     * @param outputSize the features of output 0 (per step), or -1 when its packed type tells
     * @param stateShapes the shape of each further output per example
     * @param returnSequences whether output 0 is a sequence
     */
    record OutputShape(long outputSize, List<List<? extends Number>> stateShapes, boolean returnSequences) {}

    private static Map<String, Object> output(String layer, int output, OutputShape shape, String packedSuffix) {
        String name = TensorRef.outputName(layer, output);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("output", output);
        config.put("output_size", shape.outputSize());
        config.put("state_shapes", shape.stateShapes());
        config.put("return_sequences", shape.returnSequences());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class_name", RecurrentOutputMapper.CLASS_NAME);
        entry.put("name", name);
        entry.put("config", config);
        entry.put("inbound_nodes",
                List.of(List.of(keras2Tensor(new TensorRef(layer + packedSuffix, 0, 0)))));
        return entry;
    }

    /** The vertex that stands for a tensor after the rewrite. */
    private static TensorRef target(TensorRef tensor, Set<String> rewritten) {
        return rewritten.contains(tensor.layer()) ? new TensorRef(tensor.outputName(), 0, 0) : tensor;
    }

    /**
     * Points every tensor reference ({@code [LAYER, NODE, INDEX, ...]}) in an inbound_nodes or
     * output_layers structure at the vertex that now stands for it.
     */
    private static Object pointAtOutputs(Object structure, Set<String> rewritten) {
        if (!(structure instanceof List<?> list)) {
            return structure;
        }
        if (list.size() >= 3 && list.get(0) instanceof String layer && list.get(1) instanceof Number node
                && list.get(2) instanceof Number index) {
            if (!rewritten.contains(layer)) {
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

    /**
     * @param vertexName a vertex of the rewritten graph
     * @return the Keras layer it computes, whose weights it takes: {@code L} for {@code L__outputs}
     */
    public static String kerasLayerName(String vertexName) {
        return vertexName.endsWith(PACKED_SUFFIX)
                ? vertexName.substring(0, vertexName.length() - PACKED_SUFFIX.length()) : vertexName;
    }

    @SuppressWarnings("unchecked")
    private static String layerName(Map<String, Object> layer) {
        return String.valueOf(((Map<String, Object>) layer.get("config")).get("name"));
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
