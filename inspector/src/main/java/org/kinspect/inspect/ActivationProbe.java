package org.kinspect.inspect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.kinspect.config.DataFormats;
import org.kinspect.config.LayerNames;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.TensorRef;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.graph.masking.InputMask;
import org.kinspect.graph.masking.MaskHandover;
import org.kinspect.graph.masking.KerasMasks;
import org.kinspect.safety.NativeLoading;
import org.kinspect.shape.KerasShape;
import org.kinspect.shape.ShapeModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs inputs through an imported graph and returns every layer's output in Keras's layout, keyed
 * by Keras layer name, input layers included. Each output's layout is decided by its Keras shape
 * from the {@link ShapeModel} (open sizes filled in from the inputs of the run), and each output
 * must have that shape: one that does not is a bug in kinspect, reported as an internal error
 * naming the layer, never handed out reshaped.
 *
 * <pre>{@code
 * ActivationProbe probe = new ActivationProbe(imported);
 * Map<String, INDArray> outputs = probe.activations(Map.of("signal", x));
 * INDArray lstm = outputs.get("lstm_1"); // (batch, time, units), as in Keras
 * }</pre>
 */
public final class ActivationProbe {
    private final ImportedGraph imported;
    private final Map<String, Boolean> channelsFirst;
    private final ShapeModel shapes;
    /** The layers that make a Keras mask (Masking, Embedding with mask_zero), by name. */
    private final Map<String, LayerSpec> maskOrigins = new HashMap<>();

    /** @param imported the graph to run */
    public ActivationProbe(ImportedGraph imported) {
        this.imported = imported;
        this.channelsFirst = DataFormats.channelsFirstByLayer(imported.spec());
        this.shapes = ShapeModel.of(imported.spec());
        imported.spec().layers().stream().filter(InputMask::isOrigin).forEach(layer -> maskOrigins.put(layer.name(), layer));
    }

    /** @return every layer's output shapes as Keras gives them, open sizes open */
    public ShapeModel shapes() {
        return shapes;
    }

    /**
     * Runs the model once, in inference mode (Dropout off, BatchNormalization's moving statistics).
     *
     * @param inputs one array per model input, keyed by input layer name, in Keras's layout
     * @return every layer's output in Keras's layout and order, keyed by Keras layer name
     * @throws KinspectException when an input is missing, unknown or of the wrong shape
     */
    public Map<String, INDArray> activations(Map<String, INDArray> inputs) {
        return run(inputs, null);
    }

    /**
     * Runs the model only as far as the given layers need (the layers after them and on other
     * branches are skipped) and converts only their outputs: what streaming a data set through
     * the model for one layer wants.
     *
     * <pre>{@code
     * INDArray lstm = probe.activations(Map.of("signal", x), List.of("lstm_1")).get("lstm_1");
     * }</pre>
     *
     * @param inputs one array per model input, keyed by input layer name, in Keras's layout
     * @param layers the layers (or extra outputs {@code LAYER__1}...) wanted
     * @return those layers' outputs in Keras's layout, keyed by name
     * @throws KinspectException when a layer does not exist, or an input is missing, unknown or of
     *     the wrong shape
     */
    public Map<String, INDArray> activations(Map<String, INDArray> inputs, Collection<String> layers) {
        Set<String> wanted = new HashSet<>();
        for (String layer : layers) {
            if (!imported.graph().getConfiguration().getVertices().containsKey(layer)
                    && !imported.graph().getConfiguration().getNetworkInputs().contains(layer)) {
                LayerNames.require(imported.spec(), layer); // names the nearest layers
                throw KinspectException.input("layer '" + layer + "' has no output of its own in the imported"
                        + " graph; choose the layer it feeds");
            }
            wanted.add(layer);
        }
        Map<String, INDArray> outputs = run(inputs, wanted);
        outputs.keySet().retainAll(wanted);
        return outputs;
    }

    /** Runs the graph for every vertex, or for the {@code wanted} ones and what they read. */
    private Map<String, INDArray> run(Map<String, INDArray> inputs, Set<String> wanted) {
        List<String> inputNames = imported.spec().inputNames();
        for (String given : inputs.keySet()) {
            if (!inputNames.contains(given)) {
                throw KinspectException.input("the model has no input named '" + given + "'; its inputs are "
                        + String.join(", ", inputNames));
            }
        }
        NativeLoading.prepareBlas(); // not set up by the first product while a report's warm-up loads libraries
        Set<Integer> needed = wanted == null ? null : ancestors(wanted);
        INDArray[] graphInputs = graphInputs(inputs, needed, wanted);
        Map<String, INDArray> computed = forward(graphInputs, needed, wanted);
        Map<String, INDArray> byLayer = new LinkedHashMap<>();
        long batch = graphInputs.length == 0 ? 0 : graphInputs[0].size(0);
        ShapeModel runShapes = shapesOfRun(inputs);
        for (LayerSpec layer : imported.spec().layers()) {
            INDArray output = computed.get(layer.name());
            if (output != null && (wanted == null || wanted.contains(layer.name()))) {
                byLayer.put(layer.name(), inKerasLayout(layer, layer.name(), output, runShapes, batch));
            }
            // A layer's extra outputs (an RNN's returned states) are vertices LAYER__1, LAYER__2...
            // (the graph's, not the computed ones: a run for LAYER__2 alone computes no LAYER__1)
            Map<String, ?> vertices = imported.graph().getConfiguration().getVertices();
            for (int index = 1; vertices.containsKey(TensorRef.outputName(layer.name(), index)); index++) {
                String extra = TensorRef.outputName(layer.name(), index);
                if (computed.containsKey(extra)) {
                    byLayer.put(extra, inKerasLayout(layer, extra, computed.get(extra), runShapes, batch));
                }
            }
        }
        return byLayer;
    }

    /**
     * The model's inputs as the graph reads them: checked against the shapes Keras declares and
     * turned from Keras's layout into DL4J's, in the graph's input order (what a caller that runs
     * the graph itself, as the gradients do, hands it).
     *
     * <pre>{@code
     * INDArray[] forGraph = probe.graphInputs(Map.of("signal", x));
     * }</pre>
     *
     * @param inputs one array per model input, keyed by input layer name, in Keras's layout
     * @return the inputs in DL4J's layout, float32, in the graph's input order
     * @throws KinspectException when an input is missing, unknown or of the wrong shape
     */
    public INDArray[] graphInputs(Map<String, INDArray> inputs) {
        List<String> inputNames = imported.spec().inputNames();
        for (String given : inputs.keySet()) {
            if (!inputNames.contains(given)) {
                throw KinspectException.input("the model has no input named '" + given + "'; its inputs are "
                        + String.join(", ", inputNames));
            }
        }
        return graphInputs(inputs, null, null);
    }

    private INDArray[] graphInputs(Map<String, INDArray> inputs, Set<Integer> needed, Set<String> wanted) {
        List<String> inputNames = imported.spec().inputNames();
        long givenBatch = inputs.values().stream().filter(input -> input.rank() > 0).mapToLong(input -> input.size(0))
                .findFirst().orElse(1);
        INDArray[] graphInputs = new INDArray[inputNames.size()];
        for (int i = 0; i < inputNames.size(); i++) {
            String name = inputNames.get(i);
            INDArray input = inputs.get(name);
            if (input == null && needed != null && !needed.contains(vertexIndex(name))) {
                // The layers wanted do not read this input: it never reaches them, but the graph wants
                // an array in its place (some vertices ask it for the batch size).
                input = placeholder(name, givenBatch);
            }
            if (input == null) {
                throw KinspectException.input("no input given for model input '" + name + "'; the model's inputs are "
                        + String.join(", ", inputNames)
                        + (wanted == null ? "" : " (" + String.join(", ", wanted) + " reads '" + name + "')"));
            }
            checkShape(name, input);
            graphInputs[i] = KerasLayout.fromKeras(input.castTo(DataType.FLOAT), type(name), channelsFirst(name));
        }
        return graphInputs;
    }

    /**
     * Turns an array laid out as DL4J computes a vertex's output (that output itself, or the
     * gradient with respect to it, which has the same layout) into Keras's layout and shape.
     *
     * <pre>{@code
     * INDArray kerasGradient = probe.toKerasLayout("lstm_1", epsilon, inputs);
     * }</pre>
     *
     * @param outputName a layer name, or {@code LAYER__k} for a layer's extra output k
     * @param array the array in DL4J's layout
     * @param inputs the run's inputs in Keras's layout (they fill the sizes the model leaves open)
     * @return the array in Keras's layout
     * @throws KinspectException when the name is no layer's output, or (internal) the array does
     *     not have the layer's Keras shape
     */
    public INDArray toKerasLayout(String outputName, INDArray array, Map<String, INDArray> inputs) {
        // LAYER__k is output k of LAYER (a layer may itself be named with "__": its own name wins)
        String layerName = imported.spec().layer(outputName).isPresent() ? outputName
                : outputName.replaceFirst("__[0-9]+$", "");
        LayerSpec layer = LayerNames.require(imported.spec(), layerName);
        long batch = inputs.values().stream().filter(input -> input.rank() > 0).mapToLong(input -> input.size(0))
                .findFirst().orElse(1);
        return inKerasLayout(layer, outputName, array, shapesOfRun(inputs), batch);
    }

    /**
     * @param inputs a run's inputs, in Keras's layout, keyed by input name
     * @return the shape model with the sizes the model leaves open taken from those inputs
     */
    ShapeModel shapesOfRun(Map<String, INDArray> inputs) {
        Map<String, KerasShape> given = new LinkedHashMap<>();
        for (String name : imported.spec().inputNames()) {
            KerasShape declared = shapes.shape(name).orElse(null);
            INDArray input = inputs.get(name);
            if (declared != null && input != null && !declared.exampleKnown() && input.rank() == declared.rank()) {
                given.put(name, KerasShape.ofOpen(input.shape()).with(0, null));
            }
        }
        return given.isEmpty() ? shapes : ShapeModel.of(imported.spec(), given);
    }

    /**
     * @param layer the layer that computed the output
     * @param outputName its name ({@code LAYER}, or {@code LAYER__k} for output k)
     * @param output the output as DL4J computed it
     * @param runShapes the shapes of this run
     * @param batch the batch of this run
     * @return the output in Keras's layout, of Keras's shape
     * @throws KinspectException (internal) when the output does not have Keras's shape
     */
    private INDArray inKerasLayout(LayerSpec layer, String outputName, INDArray output, ShapeModel runShapes,
            long batch) {
        boolean ownOutput = outputName.equals(layer.name());
        boolean layerChannelsFirst = ownOutput && channelsFirst(outputName);
        KerasShape expected = runShapes.shape(outputName).map(shape -> shape.with(0, batch)).orElse(null);
        if (expected == null) {
            // A layer whose shape kinspect cannot know (a custom layer, or one after it): DL4J's description decides.
            INDArray unfolded = ownOutput ? KerasLayout.unfoldTime(output, batch, foldsTime(outputName)) : output;
            return KerasLayout.toKeras(unfolded, type(outputName), layerChannelsFirst);
        }
        INDArray inKerasLayout = KerasLayout.toKerasShape(output, type(outputName), layerChannelsFirst, expected,
                ownOutput && foldsTime(outputName));
        if (inKerasLayout == null) {
            throw KinspectException.internal("layer '" + outputName + "' (" + layer.className() + ") computed an output"
                    + " of shape " + KerasShape.ofOpen(output.shape()) + " where Keras gives " + expected
                    + "; kinspect's import of it is wrong");
        }
        return inKerasLayout;
    }

    /**
     * DL4J's own {@code feedForward} hands each layer its input without a copy, and some layers
     * (an Activation layer after a Dense one) change it in place, so the Dense output it reports is
     * the activated one. Each vertex here gets its own copy of what it reads.
     */
    private Map<String, INDArray> forward(INDArray[] graphInputs, Set<Integer> needed, Set<String> wanted) {
        ComputationGraph graph = imported.graph();
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        GraphVertex[] vertices = graph.getVertices();
        INDArray[] outputs = new INDArray[vertices.length];
        List<String> networkInputs = graph.getConfiguration().getNetworkInputs();
        Map<String, INDArray> byName = new LinkedHashMap<>();
        int[] readers = readers(vertices, needed);
        Map<String, INDArray> masksByOrigin = new HashMap<>();
        graph.setInputs(graphInputs); // some vertices ask the graph for the batch size
        for (int index : graph.topologicalSortOrder()) {
            if (needed != null && !needed.contains(index)) {
                continue;
            }
            GraphVertex vertex = vertices[index];
            if (vertex.isInputVertex()) {
                outputs[index] = graphInputs[networkInputs.indexOf(vertex.getVertexName())];
            } else {
                VertexIndices[] sources = vertex.getInputVertices();
                handKerasMasks(vertex, outputs[sources[0].getVertexIndex()], masksByOrigin);
                for (int i = 0; i < sources.length; i++) {
                    int source = sources[i].getVertexIndex();
                    // A copy unless no one else can see the array: an output kept for the caller, the
                    // caller's own input, or one read by several vertices may not be changed in place.
                    boolean unshared = wanted != null && readers[source] == 1 && !vertices[source].isInputVertex()
                            && !wanted.contains(vertices[source].getVertexName());
                    vertex.setInput(i, unshared ? outputs[source] : outputs[source].dup(), noWorkspaces);
                }
                try {
                    outputs[index] = vertex.doForward(false, noWorkspaces).detach();
                } catch (RuntimeException e) {
                    String layer = vertex.getVertexName();
                    String className = imported.spec().layer(layer).map(LayerSpec::className).orElse("DL4J vertex");
                    throw KinspectException.input("running layer '" + layer + "' (" + className + ") failed: "
                            + e.getMessage().lines().findFirst().orElse(e.toString()), e);
                }
                vertex.clear();
            }
            byName.put(vertex.getVertexName(), outputs[index]);
        }
        graph.clearLayersStates();
        return byName;
    }

    /**
     * Keras hands masks on beside the values, DL4J does not: the mask a Masking layer or an
     * Embedding with {@code mask_zero} makes is computed from its input when it runs, and handed to
     * the vertices that read it before they run.
     */
    private void handKerasMasks(GraphVertex vertex, INDArray firstInput, Map<String, INDArray> masksByOrigin) {
        String name = vertex.getVertexName();
        LayerSpec origin = maskOrigins.get(name);
        if (origin != null) {
            masksByOrigin.put(name, KerasMasks.keep(origin, origin.className().equals("Embedding") ? firstInput
                    : KerasLayout.toKeras(firstInput, type(name), channelsFirst(name))));
        }
        List<String> origins = MaskHandover.origins(vertex);
        if (!origins.isEmpty()) {
            List<INDArray> masks = new ArrayList<>();
            for (String originName : origins) {
                masks.add(originName == null ? null : masksByOrigin.get(originName));
            }
            MaskHandover.hand(vertex, masks);
        }
    }

    /** @return for every vertex, how many inputs of the vertices that run read its output */
    private static int[] readers(GraphVertex[] vertices, Set<Integer> needed) {
        int[] readers = new int[vertices.length];
        for (GraphVertex vertex : vertices) {
            VertexIndices[] sources = vertex.getInputVertices();
            if (sources == null || needed != null && !needed.contains(vertex.getVertexIndex())) {
                continue;
            }
            for (VertexIndices source : sources) {
                readers[source.getVertexIndex()]++;
            }
        }
        return readers;
    }

    private int vertexIndex(String name) {
        return imported.graph().getVertex(name).getVertexIndex();
    }

    /** Zeros of the input's declared shape (open sizes 1), standing in for an input no wanted layer reads. */
    private INDArray placeholder(String inputName, long batch) {
        long[] expected = expectedShape(inputName);
        long[] shape = expected == null ? new long[] {batch, 1} : expected.clone();
        shape[0] = batch;
        for (int i = 1; i < shape.length; i++) {
            shape[i] = Math.max(shape[i], 1);
        }
        return Nd4j.zeros(DataType.FLOAT, shape);
    }

    /** @return the indices of the named vertices and of every vertex they read, directly or not */
    private Set<Integer> ancestors(Set<String> names) {
        ComputationGraph graph = imported.graph();
        Set<Integer> found = new HashSet<>();
        Deque<Integer> pending = new ArrayDeque<>();
        for (GraphVertex vertex : graph.getVertices()) {
            if (names.contains(vertex.getVertexName())) {
                pending.add(vertex.getVertexIndex());
            }
        }
        while (!pending.isEmpty()) {
            int index = pending.pop();
            if (found.add(index)) {
                VertexIndices[] sources = graph.getVertices()[index].getInputVertices();
                for (VertexIndices source : sources == null ? new VertexIndices[0] : sources) {
                    pending.add(source.getVertexIndex());
                }
            }
        }
        return found;
    }

    /** Whether DL4J runs this layer on a sequence folded into the batch (a Dense on a sequence). */
    private boolean foldsTime(String vertexName) {
        return FoldedTime.foldsTime(imported.graph().getConfiguration(), vertexName);
    }

    /**
     * @param layerName a Keras layer name
     * @param inputs one array per model input, keyed by input layer name
     * @return that layer's output, in Keras's layout
     * @throws KinspectException when the model has no such layer
     */
    public INDArray activation(String layerName, Map<String, INDArray> inputs) {
        LayerNames.require(imported.spec(), layerName);
        return activations(inputs, List.of(layerName)).get(layerName);
    }

    /**
     * @param inputName a model input
     * @return the shape Keras declares for it, batch first; unknown sizes are -1
     */
    public long[] expectedShape(String inputName) {
        return LayerNames.declaredInputShape(imported.spec(), inputName);
    }


    private void checkShape(String name, INDArray input) {
        long[] expected = expectedShape(name);
        if (expected == null) {
            return;
        }
        boolean fits = expected.length == input.rank();
        for (int i = 1; fits && i < expected.length; i++) {
            fits = expected[i] < 0 || expected[i] == input.size(i);
        }
        if (!fits) {
            throw KinspectException.input("input '" + name + "' has shape " + Arrays.toString(input.shape())
                    + " but the model wants " + describe(expected) + " (batch first)");
        }
    }

    static String describe(long[] shape) {
        List<String> dims = new ArrayList<>();
        for (long dim : shape) {
            dims.add(dim < 0 ? "any" : Long.toString(dim));
        }
        return "[" + String.join(", ", dims) + "]";
    }

    private InputType type(String layerName) {
        return imported.outputTypes().get(layerName);
    }

    private boolean channelsFirst(String layerName) {
        return channelsFirst.getOrDefault(layerName, false);
    }
}
