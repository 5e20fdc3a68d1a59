package org.kinspect.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.core.KerasDense;
import org.deeplearning4j.nn.modelimport.keras.layers.recurrent.KerasLSTM;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.custom.CustomObjects;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.kinspect.graph.base.VertexWeights;
import org.kinspect.graph.convolution.ChannelsFirstKernels;
import org.kinspect.graph.layers.SequenceDenseMapper;
import org.kinspect.graph.recurrent.RecurrentWithStatesMapper;
import org.kinspect.graph.recurrent.RecurrentStateRewrite;
import org.kinspect.initializers.InitialWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds a DL4J {@link ComputationGraph} from a {@link ModelSpec} and puts the Keras weights in it.
 *
 * <p>DL4J's layer mappers turn each Keras layer into a DL4J layer or vertex. The graph is then
 * initialised from a zero parameter vector (DL4J skips its random initialisation when it is given
 * one; an LSTM's orthogonal initialisation alone takes minutes on large layers), and the Keras
 * weights are copied into it, converted to DL4J's layout by the same mappers. The steps, in order,
 * are {@link ImportPipeline#STEPS}; the weight copy and the provenance check are here.
 *
 * <pre>{@code
 * ImportedGraph imported = GraphImporter.importGraph(spec, archive.weights(), "model.h5");
 * INDArray[] out = imported.graph().output(input);
 * }</pre>
 */
public final class GraphImporter {

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
     * The first part of {@link #importGraph}: the pipeline's steps up to the graph (every Keras layer
     * mapped by DL4J's and kinspect's mappers, every check of the description run: a refused or
     * unsupported layer fails here), without the graph itself: no parameter vector is allocated and
     * no weight is copied until {@link ConfiguredGraph#build()}. What a summary of the model needs.
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
        ImportRun run = new ImportRun(spec, weights, source, custom);
        ImportPipeline.configure(run);
        return new ConfiguredGraph(run);
    }

    /**
     * The pipeline's step "weights": with weights from the file, every layer's Keras weights copied
     * into its vertex, and the parameters they do not all overwrite zeroed first.
     */
    static void copyWeights(ImportRun run) {
        if (!run.weightsFromFile) {
            return;
        }
        Map<String, String> owners = weightsOwners(run.spec);
        zeroParametersNotCopied(run.kerasModel.getLayers(), run.weights, owners, run.graph);
        ParameterCopy.reusingBuffers(() -> copyWeights(run.kerasModel.getLayers(), run.weights, owners, run.graph,
                run.spec, run.source, run.provenance));
    }

    /**
     * The pipeline's step "provenance": with weights from the file, a parameter none reached is
     * refused; without, every parameter is recorded as the zero of a configuration alone.
     */
    static void completeProvenance(ImportRun run) {
        if (run.weightsFromFile) {
            requireEveryParameterFromFile(run.graph, run.kerasModel.getLayers(), run.provenance, run.source);
            return;
        }
        for (GraphVertex vertex : run.graph.getVertices()) {
            for (String parameter : parameterKeys(vertex)) {
                run.provenance.record(vertex.getVertexName(), parameter, new ParameterProvenance.Source(
                        ParameterProvenance.Origin.CONFIGURATION_ONLY, "a configuration without weights: zero"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<Object> layersOf(Map<String, Object> functionalConfig) {
        return (List<Object>) ((Map<String, Object>) functionalConfig.get("config")).get("layers");
    }

    static long parameterCount(ComputationGraphConfiguration configuration) {
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
        return KERAS_LAYERS_COPY.isInheritedBy(layer.getClass());
    }

    /** The methods of DL4J's whose own versions {@link #copyMappedWeights} does the work of, by class. */
    private static final InheritedMethod KERAS_LAYERS_COPY = new InheritedMethod(KerasLayer.class, "copyWeightsToLayer",
            org.deeplearning4j.nn.api.Layer.class);
    private static final InheritedMethod KERAS_LAYERS_WEIGHTS = new InheritedMethod(KerasLayer.class, "getWeights");
    private static final InheritedMethod BASE_LAYERS_SET_PARAMETER = new InheritedMethod(
            org.deeplearning4j.nn.layers.BaseLayer.class, "setParam", String.class, INDArray.class);
    private static final InheritedMethod BASE_LAYERS_PARAMETER_TABLE = new InheritedMethod(
            org.deeplearning4j.nn.layers.BaseLayer.class, "paramTable");

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
        String layerName = layer instanceof RecurrentWithStatesMapper states ? states.kerasLayerName()
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
            Map<String, WeightTensor> tensors = stored.byName();
            try {
                if (copyLstmDirectly(layer, tensors, graph.getVertex(name))
                        || copyDenseDirectly(layer, tensors, graph.getVertex(name))) {
                    recordFromFile(provenance, graph.getVertex(name), stored);
                    continue;
                }
                Map<String, INDArray> byName = new HashMap<>();
                tensors.forEach((weightName, tensor) -> byName.put(weightName, tensor.values()));
                setWeights(layer, ChannelsFirstKernels.forMapper(layer, byName, spec));
                WeightFit.check(layer, stored, graph.getVertex(name), source);
                if (graph.getVertex(name).hasLayer()) {
                    copyMappedWeights(layer, graph.getLayer(name));
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
     * DL4J's {@code KerasLayer.copyWeightsToLayer}, each parameter copied by {@link ParameterCopy#assign}
     * instead of ND4J's {@code assign}, when that is all DL4J's would do: the mapper's weights have the
     * layer's parameter names, each as many values as the parameter (DL4J reshapes one of another
     * shape), and the layer's {@code setParam} and {@code paramTable} are {@code BaseLayer}'s (an
     * {@code assign} into the parameter's view, and those views). Anything else, and every failure
     * with its message, is left to DL4J's own.
     */
    private static void copyMappedWeights(KerasLayer layer, org.deeplearning4j.nn.api.Layer into)
            throws InvalidKerasConfigurationException {
        Map<String, INDArray> mapped = layer.getWeights();
        Map<String, INDArray> parameters = into.paramTable();
        boolean plain = layer.getNumParams() > 0 && mapped != null && copiesEveryParameter(layer)
                && KERAS_LAYERS_WEIGHTS.isInheritedBy(layer.getClass())
                && BASE_LAYERS_SET_PARAMETER.isInheritedBy(into.getClass())
                && BASE_LAYERS_PARAMETER_TABLE.isInheritedBy(into.getClass())
                && mapped.keySet().equals(parameters.keySet());
        if (plain) {
            for (Map.Entry<String, INDArray> parameter : parameters.entrySet()) {
                plain &= ParameterCopy.assign(mapped.get(parameter.getKey()), parameter.getValue());
            }
        }
        if (!plain) {
            layer.copyWeightsToLayer(into); // all of them again, when one was a view the loop does not take
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
     * from the file into the graph's parameter views ({@link ParameterCopy}): DL4J's KerasLSTM.setWeights
     * slices them and concatenates the slices into new full-size arrays, which {@code copyWeightsToLayer}
     * then copies again. Anything but the exact shapes DL4J allocated is left to the general path and its checks.
     *
     * @return whether the weights were copied
     */
    private static boolean copyLstmDirectly(KerasLayer layer, Map<String, WeightTensor> weights, GraphVertex vertex) {
        if (layer.getClass() != KerasLSTM.class || !vertex.hasLayer() || weights.size() != 3) {
            return false;
        }
        WeightTensor kernel = weights.get("kernel");
        WeightTensor recurrent = weights.get("recurrent_kernel");
        WeightTensor bias = weights.get("bias");
        Map<String, INDArray> params = vertex.paramTable(false);
        INDArray w = params.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rw = params.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray b = params.get(LSTMParamInitializer.BIAS_KEY);
        if (kernel == null || recurrent == null || bias == null || params.size() != 3 || w == null || rw == null
                || b == null || w.rank() != 2 || rw.rank() != 2 || !Arrays.equals(kernel.shape(), w.shape())
                || !Arrays.equals(recurrent.shape(), rw.shape()) || bias.shape().length != 1
                || bias.length() != b.length() || b.length() != w.size(1) || w.size(1) % 4 != 0
                || rw.size(1) != w.size(1) || rw.size(0) * 4 != rw.size(1)
                || !(b.rank() == 1 || b.rank() == 2 && b.size(0) == 1)) {
            return false;
        }
        ParameterCopy.copy(kernel.stored(), w, LSTM_KERAS_BLOCK_OF_DL4J_BLOCK);
        ParameterCopy.copy(recurrent.stored(), rw, LSTM_KERAS_BLOCK_OF_DL4J_BLOCK);
        ParameterCopy.copy(bias.stored(), b, LSTM_KERAS_BLOCK_OF_DL4J_BLOCK);
        return true;
    }

    /**
     * A Keras 2/3 Dense layer's kernel and bias copied straight from the file into the graph's
     * parameter views ({@link ParameterCopy}); DL4J's KerasDense hands them over unchanged, so
     * only the exact shapes DL4J allocated are taken here, anything else goes the general way.
     *
     * @return whether the weights were copied
     */
    private static boolean copyDenseDirectly(KerasLayer layer, Map<String, WeightTensor> weights, GraphVertex vertex) {
        // kinspect's own Dense mapper (what every Keras Dense maps to) changes the layer's input and
        // output types only, not its weights: DL4J's KerasDense.setWeights hands them over as they are.
        if (layer.getClass() != KerasDense.class && layer.getClass() != SequenceDenseMapper.class
                || !vertex.hasLayer()) {
            return false;
        }
        WeightTensor kernel = weights.get("kernel");
        WeightTensor bias = weights.get("bias");
        Map<String, INDArray> params = vertex.paramTable(false);
        INDArray w = params.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = params.get(DefaultParamInitializer.BIAS_KEY);
        int expected = bias == null ? 1 : 2;
        if (kernel == null || w == null || weights.size() != expected || params.size() != expected
                || w.rank() != 2 || !Arrays.equals(kernel.shape(), w.shape())
                || bias != null && (b == null || bias.shape().length != 1 || bias.length() != b.length()
                        || b.length() != w.size(1) || !(b.rank() == 1 || b.rank() == 2 && b.size(0) == 1))) {
            return false;
        }
        ParameterCopy.copy(kernel.stored(), w, ParameterCopy.AS_STORED);
        if (bias != null) {
            ParameterCopy.copy(bias.stored(), b, ParameterCopy.AS_STORED);
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
