package org.kinspect.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.custom.CustomObjects;
import org.kinspect.errors.KinspectException;

/**
 * Stands in for a Lambda layer that has no Java replacement, so that a model with one can still be
 * described (summary, memory plan) though not run: its output shape is the one Keras recorded
 * ({@code output_shape} in the Lambda's configuration, one or two axes after the batch), else taken
 * as its input's and called unknown. Running it fails, naming the Lambda and how to replace it.
 *
 * <pre>{@code
 * CustomObjects described = UnreplacedLambda.standIns(spec, custom, "model.keras");
 * }</pre>
 */
public class UnreplacedLambda extends SameDiffLambdaLayer {
    private String message;
    private long[] recordedShape;

    /** For DL4J's JSON (the configuration is cloned through it). */
    public UnreplacedLambda() {}

    /**
     * @param message why it cannot run and what to do
     * @param recordedShape the output shape Keras recorded, without the batch; null when none
     */
    public UnreplacedLambda(String message, long[] recordedShape) {
        this.message = message;
        this.recordedShape = recordedShape;
    }

    /**
     * @param spec the model
     * @param custom the objects registered
     * @param source the model file, for messages
     * @return the registered objects, with a stand-in for every Lambda that has no replacement
     */
    public static CustomObjects standIns(ModelSpec spec, CustomObjects custom, String source) {
        CustomObjects withStandIns = custom;
        for (LayerSpec layer : spec.layers()) {
            String owner = layer.weightsOwner();
            if (!layer.className().equals("Lambda")
                    || custom.lambda(owner, CustomLayers.bareFunctionName(layer.config())).isPresent()) {
                continue;
            }
            String message = source + ": layer '" + owner + "' is a Lambda, which kinspect never runs (it holds Python "
                    + "code); it can be described but not run without a Java replacement (a SameDiffLambdaLayer): "
                    + "CustomObjects.withLambda(\"" + owner + "\", replacement), or in a --plugin jar";
            withStandIns = withStandIns.withLambda(owner, new UnreplacedLambda(message, recordedShape(layer.config())));
        }
        return withStandIns;
    }

    /**
     * @param graph an imported graph
     * @return the layers whose output shape is not known: the stand-ins that Keras recorded no
     *     shape for, and every layer after them
     */
    public static Set<String> unknownShapes(ComputationGraph graph) {
        return unknownShapes(graph.getConfiguration());
    }

    /**
     * <pre>{@code
     * Set<String> unknown = UnreplacedLambda.unknownShapes(model.configuration()); // the graph not built
     * }</pre>
     *
     * @param configuration DL4J's configuration of an imported graph
     * @return the layers whose output shape is not known: the stand-ins that Keras recorded no
     *     shape for, and every layer after them
     */
    public static Set<String> unknownShapes(ComputationGraphConfiguration configuration) {
        // Vertices in topological order (Kahn's algorithm; network inputs are known), each unknown when
        // it is a stand-in without a recorded shape or reads an unknown vertex.
        Map<String, List<String>> inputs = configuration.getVertexInputs();
        Map<String, Integer> waitingFor = new HashMap<>();
        Map<String, List<String>> readers = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (String vertex : configuration.getVertices().keySet()) {
            List<String> read = inputs.getOrDefault(vertex, List.of()).stream()
                    .filter(configuration.getVertices()::containsKey).toList();
            read.forEach(input -> readers.computeIfAbsent(input, key -> new ArrayList<>()).add(vertex));
            waitingFor.put(vertex, read.size());
            if (read.isEmpty()) {
                ready.add(vertex);
            }
        }
        Set<String> unknown = new LinkedHashSet<>();
        while (!ready.isEmpty()) {
            String vertex = ready.poll();
            boolean standIn = configuration.getVertices().get(vertex) instanceof LayerVertex layer
                    && layer.getLayerConf().getLayer() instanceof UnreplacedLambda lambda && lambda.recordedShape == null;
            if (standIn || inputs.getOrDefault(vertex, List.of()).stream().anyMatch(unknown::contains)) {
                unknown.add(vertex);
            }
            for (String reader : readers.getOrDefault(vertex, List.of())) {
                if (waitingFor.merge(reader, -1, Integer::sum) == 0) {
                    ready.add(reader);
                }
            }
        }
        return unknown;
    }

    private static long[] recordedShape(Map<String, Object> config) {
        if (!(config.get("output_shape") instanceof List<?> sizes) || sizes.isEmpty() || sizes.size() > 2) {
            return null;
        }
        List<Long> shape = new ArrayList<>();
        for (Object size : sizes) {
            if (!(size instanceof Number number)) {
                return null;
            }
            shape.add(number.longValue());
        }
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public org.nd4j.autodiff.samediff.SDVariable defineLayer(org.nd4j.autodiff.samediff.SameDiff sameDiff,
            org.nd4j.autodiff.samediff.SDVariable layerInput) {
        throw KinspectException.unsupported(message);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (recordedShape == null) {
            return inputType;
        }
        return recordedShape.length == 1 ? InputType.feedForward(recordedShape[0])
                : InputType.recurrent(recordedShape[1], recordedShape[0]);
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public long[] getRecordedShape() {
        return recordedShape;
    }

    public void setRecordedShape(long[] recordedShape) {
        this.recordedShape = recordedShape;
    }
}
