package org.kinspect.graph.operations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.kinspect.errors.KinspectException;

/**
 * DL4J runs feed-forward layers on a sequence folded into the batch, (batch * time, features), and
 * describes the result (and the results of the layers after it) as feed-forward (kinspect's own
 * Dense mapper keeps a sequence a sequence; a layer DL4J folds for is guarded here). A Keras 3 file
 * records its operation layers' input shapes, which tell such a sequence; a tf.keras file does not.
 * There an operation on a folded sequence is computed only where the folding cannot change the
 * result (element-wise on folded tensors and numbers or per-feature constants; the result stays
 * folded), and refused otherwise, naming the layer.
 *
 * <pre>{@code
 * FoldedSequences.check(configuration, kerasModel.getOutputTypes(), "model.h5");
 * }</pre>
 */
public final class FoldedSequences {

    private FoldedSequences() {}

    /**
     * @param configuration the graph DL4J built
     * @param outputTypes DL4J's type of every vertex's output
     * @param source the file, for messages
     * @throws KinspectException for an operation layer it cannot compute on its folded inputs
     */
    public static void check(ComputationGraphConfiguration configuration, Map<String, InputType> outputTypes,
            String source) {
        Map<String, Boolean> folded = new HashMap<>();
        for (Map.Entry<String, GraphVertex> vertex : configuration.getVertices().entrySet()) {
            if (vertex.getValue() instanceof OperationVertex operation) {
                List<String> inputs = configuration.getVertexInputs().get(vertex.getKey());
                boolean[] foldedInputs = new boolean[inputs.size()];
                for (int i = 0; i < foldedInputs.length; i++) {
                    foldedInputs[i] = isFolded(inputs.get(i), configuration, outputTypes, folded);
                }
                String refusal = operation.refusalOnFoldedInputs(foldedInputs);
                if (refusal != null) {
                    throw KinspectException.unsupported(source + ": unsupported op " + operation.getFunction() + " "
                            + refusal + " in layer '" + operation.getLayerName() + "' (" + operation.getKerasClass()
                            + ")");
                }
            }
        }
    }

    /** Whether the vertex outputs a sequence folded into the batch, as FoldedTime finds it for the inspector. */
    private static boolean isFolded(String name, ComputationGraphConfiguration configuration,
            Map<String, InputType> outputTypes, Map<String, Boolean> known) {
        if (known.containsKey(name)) {
            return known.get(name);
        }
        GraphVertex vertex = configuration.getVertices().get(name);
        boolean folded = false;
        if (vertex != null && outputTypes.get(name) instanceof InputType.InputTypeFeedForward) {
            boolean foldsItself = vertex instanceof LayerVertex layer
                    && (layer.getPreProcessor() instanceof RnnToFeedForwardPreProcessor
                            || layer.getLayerConf().getLayer() instanceof FeedForwardLayer feedForward
                                    && feedForward.getTimeDistributedFormat() != null);
            folded = foldsItself;
            for (String input : configuration.getVertexInputs().getOrDefault(name, List.of())) {
                folded |= isFolded(input, configuration, outputTypes, known);
            }
        }
        known.put(name, folded);
        return folded;
    }
}
