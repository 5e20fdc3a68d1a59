package org.kinspect.gradients;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.kinspect.config.LayerNames;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.TensorRef;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.graph.base.InferenceVertex;
import org.kinspect.inspect.ActivationProbe;
import org.kinspect.safety.NativeLoading;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Gradients of a target with respect to the inputs, every layer's output and every weight, by
 * DL4J's backward pass through the imported graph, in inference mode as Keras's
 * {@code training=False}: Dropout passes everything through, BatchNormalization uses its moving
 * statistics. A graph with a layer whose backward pass kinspect has not checked against Keras is
 * refused before it runs, naming the layer ({@link BackwardSupport}).
 *
 * <pre>{@code
 * GradientProbe probe = new GradientProbe(imported, numbering, () -> numberedTwin);
 * Gradients gradients = probe.gradients(Map.of("signal", x), GradientTarget.outputUnit(1));
 * }</pre>
 */
public final class GradientProbe {
    private final ImportedGraph imported;
    private final ActivationProbe activations;
    private final WeightNumbering numbering;
    private final Supplier<ImportedGraph> numberedWeights;

    /**
     * @param imported the graph to differentiate
     * @param numbering the numbering of the model's Keras weights
     * @param numberedWeights the same model imported with {@link WeightNumbering#numbered()} as
     *     its weights, asked for when weight gradients are first wanted, to put them back in
     *     Keras's layout
     */
    public GradientProbe(ImportedGraph imported, WeightNumbering numbering, Supplier<ImportedGraph> numberedWeights) {
        this.imported = imported;
        this.activations = new ActivationProbe(imported);
        this.numbering = numbering;
        this.numberedWeights = numberedWeights;
    }

    /**
     * @param inputs one array per model input, keyed by input name, in Keras's layout
     * @param target what to differentiate
     * @return the gradients, in Keras's layout
     * @throws KinspectException (unsupported) when a layer the target depends on has no checked
     *     backward pass, or the model masks; (input) when the target names no layer or unit
     */
    public Gradients gradients(Map<String, INDArray> inputs, GradientTarget target) {
        return gradients(inputs, target, true);
    }

    /**
     * @param inputs one array per model input, keyed by input name, in Keras's layout
     * @param target what to differentiate
     * @param withWeights false to skip the weights' gradients (what attribution methods, which
     *     run many times and read only the inputs' gradients, want)
     * @return the gradients, in Keras's layout
     */
    public Gradients gradients(Map<String, INDArray> inputs, GradientTarget target, boolean withWeights) {
        NativeLoading.prepareBlas(); // not set up by the first product while a report's warm-up loads libraries
        ComputationGraph graph = imported.graph();
        String targetLayer = resolveLayer(target);
        GraphVertex targetVertex = graph.getVertex(targetLayer);
        Set<Integer> needed = ancestors(targetVertex.getVertexIndex());
        BackwardSupport.check(imported, needed);
        INDArray[] graphInputs = activations.graphInputs(inputs);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        graph.initGradientsView();
        try {
            INDArray[] outputs = forward(graphInputs, needed, noWorkspaces);
            INDArray targetOutput = outputs[targetVertex.getVertexIndex()];
            INDArray kerasOutput = activations.toKerasLayout(targetLayer, targetOutput, inputs);
            INDArray seedKeras;
            INDArray targetValues;
            if (target.loss() != null) {
                KerasLoss.Seed seed = target.loss().seed(kerasOutput);
                seedKeras = seed.gradient();
                targetValues = seed.perExample().castTo(DataType.FLOAT);
            } else {
                long units = kerasOutput.size(kerasOutput.rank() - 1);
                if (target.unit() >= units) {
                    throw KinspectException.input("layer '" + targetLayer + "' has " + units + " units (0 to "
                            + (units - 1) + "); there is no unit " + target.unit());
                }
                seedKeras = Nd4j.zeros(DataType.FLOAT, kerasOutput.shape());
                seedKeras.get(unitIndex(kerasOutput.rank(), target.unit())).assign(1);
                INDArray values = kerasOutput.get(unitIndex(kerasOutput.rank(), target.unit())).castTo(DataType.FLOAT);
                targetValues = values.rank() <= 1 ? values.reshape(values.length())
                        : values.reshape(values.size(0), -1).sum(1);
            }
            LayoutIndex outputLayout = LayoutIndex.of(targetOutput.shape(),
                    array -> activations.toKerasLayout(targetLayer, array, inputs));
            INDArray[] epsilons = new INDArray[outputs.length];
            epsilons[targetVertex.getVertexIndex()] = outputLayout.backward(seedKeras);
            Map<String, Gradient> parameterGradients = backward(outputs, epsilons, needed, noWorkspaces);
            WeightGradients.Result weights = withWeights
                    ? WeightGradients.inKerasLayout(imported, parameterGradients, numbering, numberedWeights)
                    : new WeightGradients.Result(Map.of(), List.of());
            return new Gradients(target.on(targetLayer), targetValues,
                    inputGradients(inputs, graphInputs, epsilons), withWeights ? layerGradients(inputs, epsilons) : Map.of(), weights.weights(),
                    weights.notes());
        } finally {
            for (GraphVertex vertex : graph.getVertices()) {
                vertex.clear();
            }
            graph.clearLayersStates();
        }
    }

    private String resolveLayer(GradientTarget target) {
        if (target.layer() == null) {
            List<String> outputs = imported.spec().outputNames();
            if (outputs.size() != 1) {
                throw KinspectException.input("the model has " + outputs.size() + " outputs (" + String.join(", ", outputs)
                        + "); name the one to differentiate as --target LAYER:UNIT");
            }
            return outputs.get(0);
        }
        String name = target.layer();
        if (imported.graph().getVertex(name) == null) {
            LayerNames.require(imported.spec(), name.replaceFirst("__[0-9]+$", ""));
            throw KinspectException.input("layer '" + name + "' has no output of its own in the imported graph;"
                    + " choose the layer it feeds");
        }
        return name;
    }

    /** @return the index of unit {@code unit} of the last axis, every other axis whole */
    private static org.nd4j.linalg.indexing.INDArrayIndex[] unitIndex(int rank, int unit) {
        org.nd4j.linalg.indexing.INDArrayIndex[] index = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
        for (int axis = 0; axis < rank - 1; axis++) {
            index[axis] = NDArrayIndex.all();
        }
        index[rank - 1] = NDArrayIndex.point(unit);
        return index;
    }

    /**
     * Runs the needed vertices in inference mode, each on its own copy of its inputs, and keeps
     * what they read (unlike the activation probe), since their backward passes read it again.
     */
    private INDArray[] forward(INDArray[] graphInputs, Set<Integer> needed, LayerWorkspaceMgr workspaces) {
        ComputationGraph graph = imported.graph();
        GraphVertex[] vertices = graph.getVertices();
        INDArray[] outputs = new INDArray[vertices.length];
        List<String> networkInputs = graph.getConfiguration().getNetworkInputs();
        graph.setInputs(graphInputs); // some vertices ask the graph for the batch size
        for (int index : graph.topologicalSortOrder()) {
            if (!needed.contains(index)) {
                continue;
            }
            GraphVertex vertex = vertices[index];
            if (vertex.isInputVertex()) {
                outputs[index] = graphInputs[networkInputs.indexOf(vertex.getVertexName())];
                continue;
            }
            VertexIndices[] sources = vertex.getInputVertices();
            for (int i = 0; i < sources.length; i++) {
                vertex.setInput(i, outputs[sources[i].getVertexIndex()].dup(), workspaces);
            }
            try {
                outputs[index] = vertex.doForward(false, workspaces).detach();
            } catch (RuntimeException e) {
                throw failure("running", vertex, e);
            }
            // DL4J's ActivationLayer overwrites its input in place when not training, and its backward
            // pass reads that input again: give it a fresh copy
            if (vertex instanceof LayerVertex layerVertex
                    && layerVertex.getLayer() instanceof org.deeplearning4j.nn.layers.ActivationLayer) {
                for (int i = 0; i < sources.length; i++) {
                    vertex.setInput(i, outputs[sources[i].getVertexIndex()].dup(), workspaces);
                }
                layerVertex.applyPreprocessorAndSetInput(workspaces);
            }
        }
        return outputs;
    }

    /**
     * Runs the backward passes in reverse order, each vertex's gradient the sum of what the
     * vertices reading it hand back.
     *
     * @return each layer vertex's parameter gradients, in DL4J's layout, by vertex name
     */
    private Map<String, Gradient> backward(INDArray[] outputs, INDArray[] epsilons, Set<Integer> needed,
            LayerWorkspaceMgr workspaces) {
        ComputationGraph graph = imported.graph();
        GraphVertex[] vertices = graph.getVertices();
        int[] order = graph.topologicalSortOrder();
        Map<String, Gradient> parameters = new LinkedHashMap<>();
        for (int position = order.length - 1; position >= 0; position--) {
            int index = order[position];
            GraphVertex vertex = vertices[index];
            if (!needed.contains(index) || vertex.isInputVertex() || epsilons[index] == null) {
                continue;
            }
            Pair<Gradient, INDArray[]> result;
            try {
                result = InferenceBackward.of(vertex, epsilons[index], workspaces);
            } catch (RuntimeException e) {
                throw failure("the backward pass of", vertex, e);
            }
            // a layer's, or a vertex's of kinspect's with weights (attention, a recurrent layer with states)
            if (result.getFirst() != null && !result.getFirst().gradientForVariable().isEmpty()) {
                Gradient copy = new org.deeplearning4j.nn.gradient.DefaultGradient();
                result.getFirst().gradientForVariable().forEach((key, value) -> copy.setGradientFor(key, value.dup()));
                parameters.put(vertex.getVertexName(), copy);
            }
            VertexIndices[] sources = vertex.getInputVertices();
            for (int i = 0; i < sources.length; i++) {
                INDArray epsilon = result.getSecond()[i];
                if (epsilon == null) {
                    continue;
                }
                int source = sources[i].getVertexIndex();
                // a reader's preprocessor may hand it back in its own shape ((batch, 1, units) for (batch, units))
                long[] shape = outputs[source].shape();
                if (!java.util.Arrays.equals(epsilon.shape(), shape) && sameButOnes(epsilon.shape(), shape)) {
                    epsilon = epsilon.reshape(shape);
                }
                epsilons[source] = epsilons[source] == null ? epsilon.dup() : epsilons[source].add(epsilon);
            }
        }
        return parameters;
    }

    /** Whether two shapes differ only by axes of size 1. */
    private static boolean sameButOnes(long[] one, long[] other) {
        return java.util.Arrays.equals(java.util.Arrays.stream(one).filter(size -> size != 1).toArray(),
                java.util.Arrays.stream(other).filter(size -> size != 1).toArray());
    }

    private Map<String, INDArray> inputGradients(Map<String, INDArray> inputs, INDArray[] graphInputs,
            INDArray[] epsilons) {
        Map<String, INDArray> byInput = new LinkedHashMap<>();
        List<String> names = imported.spec().inputNames();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            INDArray epsilon = epsilons[imported.graph().getVertex(name).getVertexIndex()];
            INDArray kerasInput = inputs.get(name);
            LayoutIndex layout = LayoutIndex.of(kerasInput.shape(), array -> {
                Map<String, INDArray> numbered = new HashMap<>(inputs);
                numbered.put(name, array);
                return activations.graphInputs(numbered)[names.indexOf(name)];
            });
            byInput.put(name, epsilon == null ? Nd4j.zeros(DataType.FLOAT, kerasInput.shape())
                    : layout.backward(epsilon.reshape(graphInputs[i].shape())));
        }
        return byInput;
    }

    private Map<String, INDArray> layerGradients(Map<String, INDArray> inputs, INDArray[] backwardEpsilons) {
        Map<String, INDArray> byLayer = new LinkedHashMap<>();
        ComputationGraph graph = imported.graph();
        INDArray[] epsilons = totalOutputGradients(backwardEpsilons);
        for (LayerSpec layer : imported.spec().layers()) {
            if (imported.spec().inputNames().contains(layer.name())) {
                continue;
            }
            for (int output = 0; graph.getVertex(TensorRef.outputName(layer.name(), output)) != null; output++) {
                String name = TensorRef.outputName(layer.name(), output);
                INDArray epsilon = epsilons[graph.getVertex(name).getVertexIndex()];
                if (epsilon != null) {
                    byLayer.put(name, activations.toKerasLayout(name, epsilon, inputs));
                }
            }
        }
        return byLayer;
    }

    /**
     * The gradients as Keras reports them for a layer with several outputs computed from one
     * another (an LSTM's final h and c, an attention layer's output and scores): each output's the
     * total derivative through every path, which the vertex that packs them works out in its
     * backward pass; each output vertex takes its part of it as it takes its output, even one the
     * target does not read.
     */
    private INDArray[] totalOutputGradients(INDArray[] epsilons) {
        INDArray[] totals = epsilons.clone();
        GraphVertex[] vertices = imported.graph().getVertices();
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        for (GraphVertex vertex : vertices) {
            if (!(vertex instanceof InferenceVertex packing) || packing.totalOutputGradient() == null
                    || vertex.getOutputVertices() == null) {
                continue;
            }
            for (VertexIndices reader : vertex.getOutputVertices()) {
                GraphVertex output = vertices[reader.getVertexIndex()];
                if (!(output instanceof InferenceVertex) || output.getNumInputArrays() != 1) {
                    continue; // not one of the vertices taking one output out of the packed ones
                }
                output.setInput(0, packing.totalOutputGradient().dup(), noWorkspaces);
                totals[output.getVertexIndex()] = output.doForward(false, noWorkspaces).detach();
            }
        }
        return totals;
    }

    /** @return the index of the vertex and of every vertex it reads, directly or not */
    private Set<Integer> ancestors(int start) {
        GraphVertex[] vertices = imported.graph().getVertices();
        Set<Integer> found = new HashSet<>();
        Deque<Integer> pending = new ArrayDeque<>(List.of(start));
        while (!pending.isEmpty()) {
            int index = pending.pop();
            if (found.add(index)) {
                VertexIndices[] sources = vertices[index].getInputVertices();
                for (VertexIndices source : sources == null ? new VertexIndices[0] : sources) {
                    pending.add(source.getVertexIndex());
                }
            }
        }
        return found;
    }

    private KinspectException failure(String what, GraphVertex vertex, RuntimeException e) {
        if (e instanceof KinspectException known) {
            return known;
        }
        String layer = vertex.getVertexName();
        String className = imported.spec().layer(layer).map(LayerSpec::className).orElse("DL4J vertex");
        String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
        return KinspectException.input(what + " layer '" + layer + "' (" + className + ") failed: " + message, e);
    }
}
