package org.kinspect.graph.recurrent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.VertexWeights;
import org.kinspect.graph.recurrent.GruLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's importer's view of a recurrent layer with states: a {@link RecurrentWithStatesVertex}
 * around the layer DL4J's own mapper makes of the Keras layer (LSTM, SimpleRNN, GRU, or a
 * Bidirectional wrapper of one). {@link RecurrentStateRewrite} writes its configuration
 * ({@code class_name} {@value #CLASS_NAME}), which keeps the Keras layer's own configuration
 * whole; the weights are the Keras layer's, converted by the same mapper.
 */
public class RecurrentWithStatesMapper extends KerasLayer implements VertexWeights {
    /** The class name the rewritten configuration gives these layers. */
    public static final String CLASS_NAME = "KinspectRecurrentWithStates";

    private final String kerasLayerName;
    private final KerasLayer recurrent;

    /**
     * @param layerConfig {@code {"class_name": CLASS_NAME, "config": {"name": PACKED, "layer": KERAS_LAYER,
     *     "states_per_direction": n, "mask_value": v, "zero_output_for_mask": b}, "inbound_nodes":
     *     [[SEQUENCE, STATE...]]}} where KERAS_LAYER is the Keras layer's own entry (class_name,
     *     config) and the mask fields are there when its input is masked
     */
    @SuppressWarnings("unchecked")
    public RecurrentWithStatesMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> config = (Map<String, Object>) layerConfig.get("config");
        Map<String, Object> kerasLayer = new LinkedHashMap<>((Map<String, Object>) config.get("layer"));
        this.kerasLayerName = String.valueOf(((Map<String, Object>) kerasLayer.get("config")).get("name"));
        boolean returnSequences = Boolean.TRUE.equals(recurrentConfig(kerasLayer).get("return_sequences"));
        boolean goBackwards = Boolean.TRUE.equals(recurrentConfig(kerasLayer).get("go_backwards"));
        this.recurrent = KerasLayerUtils.getKerasLayerFromConfig(wholeSequences(kerasLayer, layerConfig), false, conf,
                RecurrentStateRewrite.customLayers(), Map.of(), Map.of());
        Layer mapped = recurrent.getLayer();
        int statesPerDirection = ((Number) config.get("states_per_direction")).intValue();
        RecurrentWithStatesVertex states = mapped instanceof Bidirectional bidirectional
                ? new RecurrentWithStatesVertex(wrap(bidirectional.getFwd()), wrap(bidirectional.getBwd()),
                        bidirectional.getMode(), statesPerDirection, returnSequences, false)
                : new RecurrentWithStatesVertex(wrap(mapped), null, null, statesPerDirection, returnSequences,
                        goBackwards);
        if (config.get("mask_origin") != null) {
            states.setMask(config.get("mask_origin").toString(), Boolean.TRUE.equals(config.get("zero_output_for_mask")));
        }
        this.vertex = states;
    }

    /** @return the Keras layer's name, under which its weights are stored */
    public String kerasLayerName() {
        return kerasLayerName;
    }

    @Override
    public int getNumParams() {
        return recurrent.getNumParams();
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) throws InvalidKerasConfigurationException {
        recurrent.setWeights(weights);
        this.weights = recurrent.getWeights();
    }

    @Override
    public void copyWeightsTo(GraphVertex vertex) throws InvalidKerasConfigurationException {
        try {
            ((RecurrentWithStatesVertexImpl) vertex).setWeights(getWeights());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidKerasConfigurationException(e.getMessage());
        }
    }

    @Override
    public InputType getOutputType(InputType... inputType) {
        return vertex.getOutputType(-1, inputType);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recurrentConfig(Map<String, Object> kerasLayer) {
        Map<String, Object> config = (Map<String, Object>) kerasLayer.get("config");
        if (isBidirectional(kerasLayer)) {
            return (Map<String, Object>) ((Map<String, Object>) config.get("layer")).get("config");
        }
        return config;
    }

    /** A Bidirectional wrapper, also as renamed for kinspect's own mapper (around a GRU). */
    private static boolean isBidirectional(Map<String, Object> kerasLayer) {
        return kerasLayer.get("config") instanceof Map<?, ?> config && config.get("layer") instanceof Map<?, ?>;
    }

    /**
     * The Keras layer as DL4J's mapper should see it: returning its whole sequence (the vertex takes
     * the last step itself), reading one input, read forwards (the vertex reverses the input for
     * {@code go_backwards}, whatever the cell).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> wholeSequences(Map<String, Object> kerasLayer, Map<String, Object> packed) {
        Map<String, Object> copy = new LinkedHashMap<>(kerasLayer);
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) kerasLayer.get("config"));
        copy.put("config", config);
        if (isBidirectional(kerasLayer)) {
            for (String field : List.of("layer", "backward_layer")) {
                if (config.get(field) instanceof Map<?, ?> wrappedLayer) {
                    Map<String, Object> wrapped = new LinkedHashMap<>((Map<String, Object>) wrappedLayer);
                    Map<String, Object> wrappedConfig = new LinkedHashMap<>((Map<String, Object>) wrapped.get("config"));
                    // The directions' go_backwards stay: the wrapper's mapper reads them.
                    wholeSequencesAndNoStates(wrappedConfig);
                    wrapped.put("config", wrappedConfig);
                    config.put(field, wrapped);
                }
            }
        } else {
            wholeSequencesAndNoStates(config);
            config.put("go_backwards", false);
        }
        List<Object> inbound = (List<Object>) ((List<Object>) packed.get("inbound_nodes")).get(0);
        List<Object> call = new ArrayList<>();
        call.add(inbound.get(0));
        copy.put("inbound_nodes", List.of(call));
        copy.put("keras_version", packed.get("keras_version"));
        if (packed.containsKey("backend")) {
            copy.put("backend", packed.get("backend"));
        }
        return copy;
    }

    private static void wholeSequencesAndNoStates(Map<String, Object> recurrentConfig) {
        recurrentConfig.put("return_sequences", true);
        recurrentConfig.put("return_state", false);
        recurrentConfig.put("stateful", false);
    }

    private static NeuralNetConfiguration wrap(Layer layer) {
        if (layer instanceof GruLayer gru) {
            gru.setMaskOrigin(null); // the vertex masks its input itself, as Keras hands it the mask
        }
        return new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(layer).build();
    }
}
