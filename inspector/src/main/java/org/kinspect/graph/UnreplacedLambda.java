package org.kinspect.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
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
        Set<String> unknown = new LinkedHashSet<>();
        for (int index : graph.topologicalSortOrder()) {
            var vertex = graph.getVertices()[index];
            boolean standIn = graph.getConfiguration().getVertices().get(vertex.getVertexName()) instanceof LayerVertex layer
                    && layer.getLayerConf().getLayer() instanceof UnreplacedLambda lambda && lambda.recordedShape == null;
            boolean after = vertex.getInputVertices() != null && java.util.Arrays.stream(vertex.getInputVertices())
                    .anyMatch(input -> unknown.contains(graph.getVertices()[input.getVertexIndex()].getVertexName()));
            if (standIn || after) {
                unknown.add(vertex.getVertexName());
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
