package org.kinspect.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.recurrent.KerasLSTM;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.kinspect.CustomObjects;
import org.kinspect.KinspectException;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.kinspect.graph.activations.ActivationRewrite;
import org.kinspect.graph.base.VertexWeights;
import org.kinspect.graph.convolution.ChannelsFirstKernels;
import org.kinspect.graph.convolution.MixedImageLayouts;
import org.kinspect.graph.masking.MaskedMergeRewrite;
import org.kinspect.graph.masking.MaskedRnnRewrite;
import org.kinspect.graph.masking.MaskingRewrite;
import org.kinspect.graph.operations.FoldedSequences;
import org.kinspect.graph.pooling.MaskedPoolingRewrite;
import org.kinspect.graph.recurrent.KerasRecurrentWithStates;
import org.kinspect.graph.recurrent.RecurrentStateRewrite;
import org.kinspect.initializers.InitialWeights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
        return configure(spec, weights, source, custom).build();
    }

    /**
     * The first half of {@link #importGraph}: every Keras layer mapped by DL4J's and kinspect's
     * mappers and every check of the description run (a refused or unsupported layer fails here),
     * without the graph itself: no parameter vector is allocated and no weight is copied until
     * {@link ConfiguredGraph#build()}. What a summary of the model needs.
     *
     * <pre>{@code
     * ConfiguredGraph configured = GraphImporter.configure(spec, archive.weights(), "model.h5", CustomObjects.none());
     * configured.outputTypes().get("lstm_1");   // DL4J's description of the layer's output
     * ImportedGraph imported = configured.build(); // the graph, Keras weights in
     * }</pre>
     *
     * @param spec the model description
     * @param weights the weights from the file; {@link WeightStore#empty()} for a configuration alone
     * @param source the model file, for messages
     * @param custom Java implementations of the model's custom layers and Lambda layers
     * @return the configured graph
     * @throws KinspectException when a layer cannot be imported
     */
    public static ConfiguredGraph configure(ModelSpec spec, WeightStore weights, String source, CustomObjects custom) {
        ConfigOnlyKerasModel kerasModel = mapLayers(spec, source, custom);
        ComputationGraphConfiguration configuration;
        try {
            configuration = kerasModel.getComputationGraphConfiguration();
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException | RuntimeException e) {
            throw Dl4jFailures.explain(source, spec, "cannot build the DL4J graph for", e);
        }
        FoldedSequences.check(configuration, kerasModel.getOutputTypes(), source);
        ActivationRewrite.apply(configuration, layersOf(spec.functionalConfig()), source);
        Map<String, InputType> outputTypes = MixedImageLayouts.apply(configuration, spec, kerasModel.getOutputTypes());
        if (spec.kerasMajorVersion() >= 3) {
            Keras3Semantics.apply(configuration);
        }
        // Every Keras masks; InputMask and MaskedSteps say how the Keras that wrote the file does.
        MaskedRnnRewrite.apply(configuration, spec, source);
        MaskedPoolingRewrite.apply(configuration, spec, source);
        MaskedMergeRewrite.apply(configuration, spec, outputTypes, source);
        MaskingRewrite.apply(configuration, spec, outputTypes);
        // Workspaces reuse activation memory between layers; inspection keeps every layer's output.
        configuration.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        configuration.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        GraphLimits.check(configuration, outputTypes, source);
        return new ConfiguredGraph(spec, configuration, Map.copyOf(outputTypes), kerasModel.getLayers(), weights, source);
    }

    /**
     * The second half of {@link #importGraph}: the graph initialised without DL4J's random
     * initialisation and the Keras weights copied in, with their checks.
     */
    static ImportedGraph build(ConfiguredGraph configured) {
        ModelSpec spec = configured.spec();
        ComputationGraphConfiguration configuration = configured.configuration();
        Map<String, KerasLayer> layers = configured.kerasLayers();
        WeightStore weights = configured.weights();
        String source = configured.source();
        ComputationGraph graph = new ComputationGraph(configuration);
        // Weights read from a file, however few: every layer with weights must find its own there.
        boolean hasWeights = configured.hasWeights();
        long parameterCount = parameterCount(configuration);
        ParameterProvenance provenance = new ParameterProvenance();
        if (hasWeights && parameterCount > 0) {
            // Not zero-filled: every parameter the Keras weights do not overwrite is zeroed below.
            graph.init(Nd4j.createUninitialized(DataType.FLOAT, 1, parameterCount), false);
            Map<String, String> owners = weightsOwners(spec);
            zeroParametersNotCopied(layers, weights, owners, graph);
            copyWeights(layers, weights, owners, graph, spec, source, provenance);
            requireEveryParameterFromFile(graph, layers, provenance, source);
        } else {
            graph.init(Nd4j.zeros(DataType.FLOAT, 1, parameterCount), false);
            for (GraphVertex vertex : graph.getVertices()) {
                for (String parameter : parameterKeys(vertex)) {
                    provenance.record(vertex.getVertexName(), parameter, new ParameterProvenance.Source(
                            ParameterProvenance.Origin.CONFIGURATION_ONLY, "a configuration without weights: zero"));
                }
            }
        }
        return new ImportedGraph(graph, spec, configured.outputTypes(), hasWeights, provenance);
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
            Keras1ImageOrdering.apply(layers, spec);
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
            throw Dl4jFailures.explain(source, spec, "cannot import (not supported yet)", e);
        } catch (Exception | LinkageError e) {
            throw Dl4jFailures.explain(source, spec, "cannot import", e);
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

    /**
     * Zeroes the parameters of every vertex whose parameters {@link #copyWeights} will not all
     * overwrite: weightless Keras layers, layers without stored weights, vertices that are not a
     * single DL4J layer, and mappers with their own {@code copyWeightsToLayer}. DL4J's sets every
     * parameter of its layer or fails.
     */
    private static void zeroParametersNotCopied(Map<String, KerasLayer> layers, WeightStore weights,
            Map<String, String> owners, ComputationGraph graph) {
        for (GraphVertex vertex : graph.getVertices()) {
            INDArray params = vertex.params();
            if (params == null || params.length() == 0) {
                continue;
            }
            KerasLayer layer = layers.get(vertex.getVertexName());
            boolean overwritten = layer != null && layer.getNumParams() > 0 && vertex.hasLayer()
                    && copiesEveryParameter(layer)
                    && weights.layer(owners.getOrDefault(layer.getLayerName(), layer.getLayerName())).isPresent();
            if (!overwritten) {
                params.assign(0);
            }
        }
    }

    /** DL4J's own {@code copyWeightsToLayer} refuses a layer unless it has a weight for every parameter. */
    private static boolean copiesEveryParameter(KerasLayer layer) {
        try {
            return layer.getClass().getMethod("copyWeightsToLayer", org.deeplearning4j.nn.api.Layer.class)
                    .getDeclaringClass() == KerasLayer.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** @return for every later call of a shared layer ({@code shared@1}), the layer whose weights it uses */
    static Map<String, String> weightsOwners(ModelSpec spec) {
        Map<String, String> owners = new HashMap<>();
        spec.layers().stream().filter(LayerSpec::isLaterCall)
                .forEach(layer -> owners.put(layer.name(), layer.weightsOwner()));
        return owners;
    }

    /** @return the Keras layer whose weights the mapped layer takes from the file */
    static String weightsName(KerasLayer layer, Map<String, String> owners) {
        // A layer with several outputs is a vertex of another name; its weights keep the Keras name.
        String layerName = layer instanceof KerasRecurrentWithStates states ? states.kerasLayerName()
                : RecurrentStateRewrite.kerasLayerName(layer.getLayerName());
        // A later call of a shared layer computes with the weights of the layer called.
        return owners.getOrDefault(layerName, layerName);
    }

    private static void copyWeights(Map<String, KerasLayer> layers, WeightStore weights, Map<String, String> owners,
            ComputationGraph graph, ModelSpec spec, String source, ParameterProvenance provenance) {
        for (KerasLayer layer : layers.values()) {
            if (layer.getNumParams() == 0) {
                continue;
            }
            String name = layer.getLayerName();
            String kerasName = weightsName(layer, owners);
            LayerWeights read = weights.layer(kerasName).filter(found -> !found.tensors().isEmpty())
                    .orElseThrow(() -> MissingWeights.of(source, layer, kerasName, graph.getVertex(name), weights, spec));
            LayerWeights stored = BatchNormalizationDefaults.completed(layer, read, source);
            Map<String, INDArray> byName = new HashMap<>();
            for (WeightTensor tensor : stored.tensors()) {
                byName.put(tensor.name(), tensor.values());
            }
            try {
                if (copyLstmDirectly(layer, byName, graph.getVertex(name))) {
                    recordFromFile(provenance, graph.getVertex(name), stored);
                    continue;
                }
                setWeights(layer, ChannelsFirstKernels.forMapper(layer, byName, spec));
                WeightFit.check(layer, stored, graph.getVertex(name), source);
                if (graph.getVertex(name).hasLayer()) {
                    layer.copyWeightsToLayer(graph.getLayer(name));
                } else if (layer instanceof VertexWeights vertexWeights) {
                    vertexWeights.copyWeightsTo(graph.getVertex(name));
                }
                recordFromFile(provenance, graph.getVertex(name), stored);
            } catch (KinspectException e) {
                throw e;
            } catch (InvalidKerasConfigurationException | RuntimeException e) {
                if (String.valueOf(e.getMessage()).startsWith("Unknown keras backend")) {
                    // DL4J lays out convolution kernels by backend; Keras 1 files do not record it.
                    throw KinspectException.unsupported(source + ": cannot import layer '" + kerasName + "' ("
                            + layer.getClassName() + "): the file does not say which backend (TensorFlow or Theano)"
                            + " wrote it, and the two lay out this layer's kernel differently; Keras 1 files never"
                            + " say, and a Keras 1 Convolution1D names no dim_ordering either", e);
                }
                throw KinspectException.modelFile(source + ": the weights of layer '" + kerasName
                        + "' do not fit its configuration (" + Dl4jFailures.oneLine(e) + ")", e);
            }
        }
    }

    /**
     * Records that a vertex's parameters were copied from the file, except those DL4J names like a
     * constant {@link BatchNormalizationDefaults} added (BatchNormalization's {@code gamma}, {@code beta}).
     * {@link WeightFit} has checked that the file gave as many values as the vertex has parameters.
     */
    private static void recordFromFile(ParameterProvenance provenance, GraphVertex vertex, LayerWeights stored) {
        List<String> paths = new ArrayList<>();
        Map<String, WeightTensor> constants = new HashMap<>();
        boolean drawn = false;
        for (WeightTensor tensor : stored.tensors()) {
            if (BatchNormalizationDefaults.isConstant(tensor)) {
                constants.put(tensor.name(), tensor);
            } else {
                paths.add(tensor.path());
                drawn |= tensor.path().startsWith(InitialWeights.DRAWN);
            }
        }
        // A re-initialised model's weights are drawn, not read (those it could not draw keep the file's).
        ParameterProvenance.Origin origin = drawn ? ParameterProvenance.Origin.INITIALIZER
                : ParameterProvenance.Origin.FILE;
        String fromFile = "layer '" + stored.layerName() + "': " + String.join(", ", paths);
        for (String parameter : parameterKeys(vertex)) {
            WeightTensor constant = constants.get(parameter);
            provenance.record(vertex.getVertexName(), parameter, constant == null
                    ? new ParameterProvenance.Source(origin, fromFile)
                    : new ParameterProvenance.Source(ParameterProvenance.Origin.KERAS_CONSTANT,
                            "layer '" + stored.layerName() + "' " + constant.path()));
        }
    }

    /** @return a vertex's parameter keys ({@code W}, {@code b}...), or {@code params} for a vertex that does not name them */
    private static List<String> parameterKeys(GraphVertex vertex) {
        INDArray params = vertex.params();
        if (params == null || params.length() == 0) {
            return List.of();
        }
        Map<String, INDArray> table = vertex.paramTable(false);
        return table == null || table.isEmpty() ? List.of("params") : List.copyOf(table.keySet());
    }

    /**
     * A vertex with parameters no weight of the file was copied into would compute with zeros: the
     * import fails instead, naming it. Only a DL4J mapper that reports no parameters for a layer
     * DL4J gives some can get here.
     */
    private static void requireEveryParameterFromFile(ComputationGraph graph, Map<String, KerasLayer> layers,
            ParameterProvenance provenance, String source) {
        for (GraphVertex vertex : graph.getVertices()) {
            List<String> missing = new ArrayList<>();
            for (String parameter : parameterKeys(vertex)) {
                if (!provenance.recorded(vertex.getVertexName(), parameter)) {
                    missing.add(parameter);
                }
            }
            if (!missing.isEmpty()) {
                KerasLayer layer = layers.get(vertex.getVertexName());
                String className = layer == null ? "a vertex kinspect added" : layer.getClassName();
                throw KinspectException.unsupported(source + ": cannot import layer '" + vertex.getVertexName() + "' ("
                        + className + "): its DL4J parameters " + missing + " (" + vertex.params().length()
                        + " values) would get no weight from the file; refusing to compute with zeros");
            }
        }
    }

    /** Keras's LSTM gate blocks (i, f, c, o) in DL4J's order (c, f, o, i), as DL4J's KerasLSTM.setWeights. */
    private static final int[] LSTM_KERAS_BLOCK_OF_DL4J_BLOCK = {2, 1, 3, 0};

    /**
     * A Keras 2/3 LSTM's kernel, recurrent kernel and bias copied gate block by gate block straight
     * into the graph's parameter views: DL4J's KerasLSTM.setWeights slices them and concatenates
     * the slices into new full-size arrays, which {@code copyWeightsToLayer} then copies again.
     * Anything but the exact shapes DL4J allocated is left to the general path and its checks.
     *
     * @return whether the weights were copied
     */
    private static boolean copyLstmDirectly(KerasLayer layer, Map<String, INDArray> weights, GraphVertex vertex) {
        if (layer.getClass() != KerasLSTM.class || !vertex.hasLayer() || weights.size() != 3) {
            return false;
        }
        INDArray kernel = weights.get("kernel");
        INDArray recurrent = weights.get("recurrent_kernel");
        INDArray bias = weights.get("bias");
        Map<String, INDArray> params = vertex.paramTable(false);
        INDArray w = params.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rw = params.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray b = params.get(LSTMParamInitializer.BIAS_KEY);
        if (kernel == null || recurrent == null || bias == null || params.size() != 3 || w == null || rw == null
                || b == null || w.rank() != 2 || rw.rank() != 2 || !Arrays.equals(kernel.shape(), w.shape())
                || !Arrays.equals(recurrent.shape(), rw.shape()) || bias.rank() != 1
                || bias.length() != b.length() || b.length() != w.size(1) || w.size(1) % 4 != 0
                || rw.size(1) != w.size(1) || rw.size(0) * 4 != rw.size(1)
                || !(b.rank() == 1 || b.rank() == 2 && b.size(0) == 1)) {
            return false;
        }
        long units = w.size(1) / 4;
        for (int block = 0; block < 4; block++) {
            long from = LSTM_KERAS_BLOCK_OF_DL4J_BLOCK[block] * units;
            INDArrayIndex target = NDArrayIndex.interval(block * units, (block + 1) * units);
            INDArrayIndex origin = NDArrayIndex.interval(from, from + units);
            w.get(NDArrayIndex.all(), target).assign(kernel.get(NDArrayIndex.all(), origin));
            rw.get(NDArrayIndex.all(), target).assign(recurrent.get(NDArrayIndex.all(), origin));
            if (b.rank() == 1) {
                b.get(target).assign(bias.get(origin));
            } else {
                b.get(NDArrayIndex.all(), target).assign(bias.get(origin).reshape(1, units));
            }
        }
        return true;
    }

    /**
     * DL4J's recurrent mappers cast the layer under one wrapper to a feed-forward layer, which fails
     * when Masking puts a second wrapper around a LastTimeStep (an LSTM without return_sequences
     * after a Masking layer). They see the inner wrapper while the weights are set.
     */
    static void setWeights(KerasLayer layer, Map<String, INDArray> weights)
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
}
