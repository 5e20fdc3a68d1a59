package org.kinspect.inspect;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.graph.operations.OperationVertex;

/**
 * DL4J runs a Dense (or other feed-forward) layer on a sequence by folding time into the batch,
 * and the layers after it keep the sequence folded: they output (batch * time, features) where
 * Keras keeps (batch, time, features), and DL4J describes their output as feed-forward, without
 * the time axis. This finds those layers and the sequence length they carry.
 *
 * <pre>{@code
 * // input (6, 3) -> Dense(5) -> Activation -> Dense(2): each of the three folds 6 steps.
 * FoldedTime.stepsByLayer(spec, configuration, outputTypes);   // {dense=6, activation=6, dense_1=6}
 * }</pre>
 */
final class FoldedTime {

    private FoldedTime() {}

    /**
     * @param spec the model's description
     * @param configuration DL4J's configuration of its graph
     * @param outputTypes DL4J's description of each layer's output
     * @return the layers whose output DL4J keeps folded, with their sequence length (-1 when the
     *     model leaves it open)
     */
    static Map<String, Long> stepsByLayer(ModelSpec spec, ComputationGraphConfiguration configuration,
            Map<String, InputType> outputTypes) {
        Map<String, Long> steps = new HashMap<>();
        for (LayerSpec layer : spec.layers()) {
            if (!(outputTypes.get(layer.name()) instanceof InputType.InputTypeFeedForward)
                    || unfolds(configuration, layer.name())) {
                continue;
            }
            for (String input : layer.inboundLayers()) {
                if (steps.containsKey(input)) {
                    steps.put(layer.name(), steps.get(input)); // still folded
                    break;
                }
                if (foldsTime(configuration, layer.name())
                        && outputTypes.get(input) instanceof InputType.InputTypeRecurrent sequence) {
                    steps.put(layer.name(), sequence.getTimeSeriesLength() > 0 ? sequence.getTimeSeriesLength() : -1);
                    break;
                }
            }
        }
        return steps;
    }

    /** An operation layer that knows its inputs' Keras shapes unfolds sequences; its output is never folded. */
    private static boolean unfolds(ComputationGraphConfiguration configuration, String vertexName) {
        return configuration.getVertices().get(vertexName) instanceof OperationVertex operation
                && operation.hasRecordedShapes();
    }

    /**
     * @param configuration the DL4J graph's configuration
     * @param vertexName a vertex, named after its Keras layer
     * @return whether DL4J runs it on a sequence folded into the batch (a Dense on a sequence)
     */
    static boolean foldsTime(ComputationGraphConfiguration configuration, String vertexName) {
        var vertex = configuration.getVertices().get(vertexName);
        return vertex instanceof LayerVertex layerVertex
                && (layerVertex.getPreProcessor() instanceof RnnToFeedForwardPreProcessor
                        || layerVertex.getLayerConf().getLayer() instanceof FeedForwardLayer feedForward
                                && feedForward.getTimeDistributedFormat() != null);
    }
}
