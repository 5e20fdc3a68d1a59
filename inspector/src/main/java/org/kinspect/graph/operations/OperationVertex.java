package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J vertex computing one Keras operation layer ({@code x + 1.0}, {@code ops.mean(x, axis=1)},
 * a tf.keras {@code TFOpLambda}) in Keras's layout: each input is moved from DL4J's layout to
 * Keras's ({@link KerasTensorLayout}), the {@link Operation} runs, and the result is given in
 * Keras's {@code channels_last} layout. Fields are plain properties, for DL4J's JSON; the inputs'
 * layouts are set when DL4J works out the graph's types.
 *
 * <pre>{@code
 * new OperationVertex("add", "add", List.of(Map.of("tensor", 0), 1.0), Map.of(), false);
 * }</pre>
 */
public class OperationVertex extends GraphVertex {
    private String layerName;
    private String function;
    private List<Object> arguments = new ArrayList<>();
    private Map<String, Object> options = new LinkedHashMap<>();
    private boolean channelsFirstModel;
    private List<KerasTensorLayout> inputLayouts = new ArrayList<>();
    private List<List<Object>> inputShapes;
    private String kerasClass = "operation";
    private long[] kerasOutputShape;

    /** For DL4J's JSON. */
    protected OperationVertex() {}

    /**
     * @param layerName the Keras layer, for messages
     * @param function the {@code keras.ops} function
     * @param arguments its positional arguments ({@code {"tensor": i}} or constants)
     * @param options its other configuration
     * @param channelsFirstModel whether some layer of the model keeps channels first (Keras's layout
     *     of the inputs is then not known from DL4J's types, and tensors of rank 3 and more are refused)
     * @param inputShapes the inputs' Keras shapes as the file records them (null for an unknown size),
     *     or null when it does not: they tell a sequence DL4J folded into the batch
     * @throws IllegalArgumentException when kinspect does not compute the op
     */
    public OperationVertex(String layerName, String function, List<Object> arguments, Map<String, Object> options,
            boolean channelsFirstModel, List<List<Object>> inputShapes) {
        this.layerName = layerName;
        this.function = function;
        this.arguments = new ArrayList<>(arguments);
        this.options = new LinkedHashMap<>(options);
        this.channelsFirstModel = channelsFirstModel;
        this.inputShapes = inputShapes;
        operation(); // refuses early what it cannot compute
    }

    /** @return the operation this vertex computes */
    /**
     * The Keras shape of an operation layer's result, before any graph exists.
     *
     * <pre>{@code
     * OperationVertex.kerasOutputShape(Map.of("function", "mean", "arguments", List.of(Map.of("tensor", 0)),
     *         "options", Map.of("axis", 1)), List.of(new long[] {-1, 4, 3}));  // [-1, 3]
     * }</pre>
     *
     * @param operation the layer's operation entry ({@code function}, {@code arguments}, {@code options})
     * @param inputShapes the Keras shapes of its inbound tensors, -1 where open
     * @return the result's Keras shape, -1 where open
     * @throws IllegalArgumentException when kinspect does not compute the operation on such tensors
     */
    public static long[] kerasOutputShape(Map<?, ?> operation, List<long[]> inputShapes) {
        Object arguments = operation.get("arguments");
        Object options = operation.get("options");
        return Operations.of(String.valueOf(operation.get("function")), arguments instanceof List<?> list ? list : List.of(),
                options instanceof Map<?, ?> map ? map : Map.of()).outputShape(inputShapes);
    }

    Operation operation() {
        return Operations.of(function, arguments, options);
    }

    @Override
    public OperationVertex clone() {
        OperationVertex copy = new OperationVertex();
        copy.layerName = layerName;
        copy.function = function;
        copy.arguments = new ArrayList<>(arguments);
        copy.options = new LinkedHashMap<>(options);
        copy.channelsFirstModel = channelsFirstModel;
        copy.inputLayouts = new ArrayList<>(inputLayouts);
        copy.inputShapes = inputShapes;
        copy.kerasClass = kerasClass;
        copy.kerasOutputShape = kerasOutputShape == null ? null : kerasOutputShape.clone();
        return copy;
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new OperationVertexImpl(graph, name, idx, operation(), List.copyOf(inputLayouts), networkDatatype);
    }

    /**
     * Also records each input's layout.
     *
     * @throws IllegalArgumentException when kinspect cannot compute the op on such inputs
     */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        List<long[]> shapes = new ArrayList<>();
        List<KerasTensorLayout> layouts = new ArrayList<>();
        for (int i = 0; i < vertexInputs.length; i++) {
            long[] shape = KerasTensorLayout.kerasShape(vertexInputs[i]);
            KerasTensorLayout layout = KerasTensorLayout.of(vertexInputs[i]);
            if (channelsFirstModel && shape.length >= 3) {
                throw new IllegalArgumentException("on a tensor of rank " + shape.length + " in a model with"
                        + " channels_first layers");
            }
            if (inputShapes != null && i < inputShapes.size()) {
                long[] recorded = recorded(inputShapes.get(i));
                if (layout == KerasTensorLayout.AS_KERAS && shape.length == 2 && recorded.length == 3
                        && recorded[2] == shape[1]) {
                    layout = KerasTensorLayout.FOLDED_SEQUENCE; // a Dense on a sequence, as DL4J runs it
                }
                shape = agreed(shape, recorded, vertexInputs[i]);
            }
            shapes.add(shape);
            layouts.add(layout);
        }
        inputLayouts = layouts;
        kerasOutputShape = operation().outputShape(shapes);
        return KerasTensorLayout.typeOf(kerasOutputShape);
    }

    /**
     * @param folded for each input, whether DL4J holds it as a sequence folded into the batch
     * @return null when the operation computes Keras's result on inputs held so, else why not
     */
    String refusalOnFoldedInputs(boolean[] folded) {
        boolean anyFolded = false;
        for (boolean input : folded) {
            anyFolded |= input;
        }
        if (inputShapes != null || !anyFolded) {
            return null; // the recorded Keras shapes tell folded inputs, which are unfolded
        }
        boolean rowWise = ElementWise.computes(function) && operation() instanceof ElementWise elementWise
                && elementWise.isRowWise(folded);
        return rowWise ? null : "on a sequence DL4J folds into the batch (a Dense applied to a sequence), whose"
                + " shape the file does not record";
    }

    private static long[] recorded(List<Object> shape) {
        return shape.stream().mapToLong(size -> size instanceof Number number ? number.longValue() : -1).toArray();
    }

    /** The Keras shape the file records, with sizes it leaves open taken from DL4J's type. */
    private static long[] agreed(long[] fromType, long[] recorded, InputType type) {
        if (recorded.length == 1 && fromType.length == 2 && fromType[1] == 1) {
            return recorded.clone(); // (batch,): an op's result typed as one feature, held with Keras's shape
        }
        boolean agree = fromType.length == recorded.length;
        for (int i = 1; agree && i < recorded.length; i++) {
            agree = fromType[i] < 0 || recorded[i] < 0 || fromType[i] == recorded[i];
        }
        if (!agree && fromType.length == 2 && recorded.length == 3) {
            agree = fromType[1] == recorded[2]; // folded: DL4J's shape has no time axis
            fromType = new long[] {-1, -1, fromType[1]};
        }
        if (!agree) {
            throw new IllegalArgumentException("on a tensor of Keras shape " + java.util.Arrays.toString(recorded)
                    + ", which DL4J holds as " + type);
        }
        long[] shape = recorded.clone();
        for (int i = 1; i < shape.length; i++) {
            shape[i] = shape[i] < 0 ? fromType[i] : shape[i];
        }
        shape[0] = -1;
        return shape;
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, OperationVertex.class, inputTypes[0],
                getOutputType(-1, inputTypes)).standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    public String getLayerName() {
        return layerName;
    }

    public void setLayerName(String layerName) {
        this.layerName = layerName;
    }

    public String getFunction() {
        return function;
    }

    public void setFunction(String function) {
        this.function = function;
    }

    public List<Object> getArguments() {
        return arguments;
    }

    public void setArguments(List<Object> arguments) {
        this.arguments = arguments;
    }

    public Map<String, Object> getOptions() {
        return options;
    }

    public void setOptions(Map<String, Object> options) {
        this.options = options;
    }

    public boolean isChannelsFirstModel() {
        return channelsFirstModel;
    }

    public void setChannelsFirstModel(boolean channelsFirstModel) {
        this.channelsFirstModel = channelsFirstModel;
    }

    /**
     * @return true when the file records the inputs' Keras shapes (Keras 3): the vertex then unfolds
     *     the sequences DL4J folds into the batch, and its output has {@link #getKerasOutputShape()}
     */
    public boolean hasRecordedShapes() {
        return inputShapes != null;
    }

    /** @return the result's Keras shape, the batch axis first (-1 for unknown sizes); set with the graph's types */
    public long[] getKerasOutputShape() {
        return kerasOutputShape == null ? null : kerasOutputShape.clone();
    }

    public void setKerasOutputShape(long[] kerasOutputShape) {
        this.kerasOutputShape = kerasOutputShape;
    }

    /** @return the Keras class of the layer, for messages */
    public String getKerasClass() {
        return kerasClass;
    }

    public void setKerasClass(String kerasClass) {
        this.kerasClass = kerasClass;
    }

    public List<List<Object>> getInputShapes() {
        return inputShapes;
    }

    public void setInputShapes(List<List<Object>> inputShapes) {
        this.inputShapes = inputShapes;
    }

    public List<KerasTensorLayout> getInputLayouts() {
        return inputLayouts;
    }

    public void setInputLayouts(List<KerasTensorLayout> inputLayouts) {
        this.inputLayouts = inputLayouts;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OperationVertex vertex && Objects.equals(layerName, vertex.layerName)
                && Objects.equals(function, vertex.function) && Objects.equals(arguments, vertex.arguments)
                && Objects.equals(options, vertex.options) && channelsFirstModel == vertex.channelsFirstModel
                && Objects.equals(inputLayouts, vertex.inputLayouts) && Objects.equals(inputShapes, vertex.inputShapes)
                && Objects.equals(kerasClass, vertex.kerasClass)
                && java.util.Arrays.equals(kerasOutputShape, vertex.kerasOutputShape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layerName, function, arguments, options, channelsFirstModel, inputLayouts);
    }

    @Override
    public String toString() {
        return "OperationVertex(" + function + " " + arguments + " " + options + ")";
    }
}
