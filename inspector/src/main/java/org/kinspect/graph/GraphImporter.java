package org.kinspect.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.CustomObjects;
import org.kinspect.KinspectException;
import org.kinspect.config.ModelSpec;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.kinspect.graph.activations.ActivationRewrite;
import org.kinspect.graph.recurrent.KerasRecurrentWithStates;
import org.kinspect.graph.recurrent.RecurrentStateRewrite;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Builds a DL4J {@link ComputationGraph} from a {@link ModelSpec} and puts the Keras weights in it.
 *
 * <p>DL4J's layer mappers turn each Keras layer into a DL4J layer or vertex. The graph is then
 * initialised from a zero parameter vector (DL4J skips its random initialisation when it is given
 * one; an LSTM's orthogonal initialisation alone takes minutes on large layers), and the Keras
 * weights are copied into it, converted to DL4J's layout by the same mappers.
 *
 * <pre>{@code
 * ImportedGraph imported = GraphImporter.importGraph(spec, archive.weights(), "model.h5");
 * INDArray[] out = imported.graph().output(input);
 * }</pre>
 */
public final class GraphImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphImporter() {}

    /**
     * @param spec the model description
     * @param weights the weights from the file; {@link WeightStore#empty()} builds a graph of zeros
     * @param source the model file, for messages
     * @return the graph with the Keras weights in it
     * @throws KinspectException when a layer cannot be imported or its weights do not fit
     */
    public static ImportedGraph importGraph(ModelSpec spec, WeightStore weights, String source) {
        return importGraph(spec, weights, source, CustomObjects.none());
    }

    /**
     * @param spec the model description
     * @param weights the weights from the file; {@link WeightStore#empty()} builds a graph of zeros
     * @param source the model file, for messages
     * @param custom Java implementations of the model's custom layers and Lambda layers
     * @return the graph with the Keras weights in it
     * @throws KinspectException when a layer cannot be imported or its weights do not fit
     */
    public static ImportedGraph importGraph(ModelSpec spec, WeightStore weights, String source, CustomObjects custom) {
        ConfigOnlyKerasModel kerasModel = mapLayers(spec, source, custom);
        ComputationGraphConfiguration configuration;
        try {
            configuration = kerasModel.getComputationGraphConfiguration();
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException | RuntimeException e) {
            throw ImportFailure.of(source, spec, "cannot build the DL4J graph for", e);
        }
        ActivationRewrite.apply(configuration, layersOf(spec.functionalConfig()), source);
        if (spec.kerasMajorVersion() >= 3) {
            Keras3Semantics.apply(configuration, spec, source);
        }
        // Workspaces reuse activation memory between layers; inspection keeps every layer's output.
        configuration.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        configuration.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        GraphLimits.check(configuration, kerasModel.getOutputTypes(), source);
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init(Nd4j.zeros(DataType.FLOAT, 1, parameterCount(configuration)), false);
        boolean hasWeights = !weights.layers().isEmpty();
        if (hasWeights) {
            copyWeights(kerasModel.getLayers(), weights, graph, source);
        }
        return new ImportedGraph(graph, spec,
                Map.copyOf(PermutedSequenceTypes.corrected(spec, kerasModel.getOutputTypes())), hasWeights);
    }

    @SuppressWarnings("unchecked")
    private static ConfigOnlyKerasModel mapLayers(ModelSpec spec, String source, CustomObjects custom) {
        try {
            Map<String, Object> dl4jConfig = JSON.readValue(JSON.writeValueAsString(spec.functionalConfig()),
                    new TypeReference<Map<String, Object>>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> model = (Map<String, Object>) dl4jConfig.get("config");
            @SuppressWarnings("unchecked")
            List<Object> layers = (List<Object>) model.get("layers");
            inputsFirst(spec.inputNames(), layers);
            ChannelsFirstSequences.rewrite(layers);
            TrailingReshapes.rewrite(model);
            Dl4jExtensions.prepare(layers, spec);
            for (Object layer : layers) {
                Dl4jSafeInitializers.rewrite((Map<String, Object>) ((Map<String, Object>) layer).get("config"),
                        spec.kerasMajorVersion());
            }
            Dl4jRegistry.Registrations registrations = CustomLayers.registrations(layers, custom, source);
            // After: it wraps recurrent layers whole, as prepared for kinspect's own mappers.
            RecurrentStateRewrite.rewrite(spec, model);
            String json = JSON.writeValueAsString(dl4jConfig);
            return Dl4jRegistry.mapping(registrations, () -> new ConfigOnlyKerasModel(json));
        } catch (KinspectException e) {
            throw e;
        } catch (UnsupportedKerasConfigurationException e) {
            throw ImportFailure.of(source, spec, "cannot import (not supported yet)", e);
        } catch (Exception | LinkageError e) {
            throw ImportFailure.of(source, spec, "cannot import", e);
        }
    }

    /**
     * DL4J's importer gives the graph's inputs their types in the order the input layers appear in
     * the layer list, but names them in {@code input_layers} order; Keras 3 may list them otherwise
     * (a context vector before the sequence). Then the input layers are moved to the front, in
     * {@code input_layers} order.
     */
    @SuppressWarnings("unchecked")
    private static void inputsFirst(List<String> inputNames, List<Object> layers) {
        List<Object> listed = new ArrayList<>();
        for (Object layer : layers) {
            Object name = ((Map<String, Object>) ((Map<String, Object>) layer).get("config")).get("name");
            if (inputNames.contains(String.valueOf(name))) {
                listed.add(layer);
            }
        }
        List<Object> wanted = new ArrayList<>(listed);
        wanted.sort(java.util.Comparator.comparingInt(layer -> inputNames.indexOf(String.valueOf(
                ((Map<String, Object>) ((Map<String, Object>) layer).get("config")).get("name")))));
        if (!wanted.equals(listed)) {
            layers.removeAll(wanted);
            layers.addAll(0, wanted);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> layersOf(Map<String, Object> functionalConfig) {
        return (List<Object>) ((Map<String, Object>) functionalConfig.get("config")).get("layers");
    }

    private static long parameterCount(ComputationGraphConfiguration configuration) {
        return configuration.getVertices().values().stream().mapToLong(vertex -> vertex.numParams(true)).sum();
    }

    private static void copyWeights(Map<String, KerasLayer> layers, WeightStore weights, ComputationGraph graph,
            String source) {
        for (KerasLayer layer : layers.values()) {
            if (layer.getNumParams() == 0) {
                continue;
            }
            String name = layer.getLayerName();
            // A recurrent layer with states is a vertex of another name; its weights keep the Keras name.
            String kerasName = layer instanceof KerasRecurrentWithStates states ? states.kerasLayerName() : name;
            LayerWeights stored = BatchNormalizationDefaults.completed(layer, weights.layer(kerasName)
                    .orElseThrow(() -> new KinspectException(source + ": the file has no weights for layer '"
                            + kerasName + "'; the weights do not belong to this model")));
            Map<String, INDArray> byName = new HashMap<>();
            for (WeightTensor tensor : stored.tensors()) {
                byName.put(tensor.name(), tensor.values());
            }
            try {
                setWeights(layer, byName);
                WeightFit.check(layer, stored, graph.getVertex(name), source);
                if (graph.getVertex(name).hasLayer()) {
                    layer.copyWeightsToLayer(graph.getLayer(name));
                } else if (layer instanceof KerasRecurrentWithStates states) {
                    states.copyWeightsTo(graph.getVertex(name));
                }
            } catch (KinspectException e) {
                throw e;
            } catch (InvalidKerasConfigurationException | RuntimeException e) {
                throw new KinspectException(source + ": the weights of layer '" + kerasName
                        + "' do not fit its configuration (" + oneLine(e) + ")", e);
            }
        }
    }

    /**
     * DL4J's recurrent mappers cast the layer under one wrapper to a feed-forward layer, which fails
     * when Masking puts a second wrapper around a LastTimeStep (an LSTM without return_sequences
     * after a Masking layer). They see the inner wrapper while the weights are set.
     */
    private static void setWeights(KerasLayer layer, Map<String, INDArray> weights)
            throws InvalidKerasConfigurationException {
        Layer original = layer.getLayer();
        if (original instanceof MaskZeroLayer mask && mask.getUnderlying() instanceof BaseWrapperLayer inner) {
            layer.setLayer(inner);
        }
        try {
            layer.setWeights(weights);
        } finally {
            layer.setLayer(original);
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(message);
    }
}
