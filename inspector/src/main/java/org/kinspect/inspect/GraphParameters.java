package org.kinspect.inspect;

import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.kinspect.config.LayerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer's parameter counts as the DL4J graph holds them, for a model described by its
 * configuration alone: there are no Keras weights to count then, but the graph has a parameter
 * array for each (zeros), in DL4J's shapes and with DL4J's names.
 */
final class GraphParameters {
    // DL4J's BatchNormalization keeps its running statistics among its parameters, not trained.
    private static final Set<String> NON_TRAINABLE = Set.of("mean", "var", "log10stdev");

    private GraphParameters() {}

    /**
     * The counts of one layer.
     *
     * @param trainable parameters that training changes
     * @param nonTrainable parameters it does not
     */
    record Counts(long trainable, long nonTrainable) {
        long total() {
            return trainable + nonTrainable;
        }
    }

    /**
     * @param graph the imported graph; its vertices carry the Keras layer names
     * @param layer a Keras layer
     * @return its counts; zero for a layer the graph has no vertex of its own for (an input, a Flatten
     *     that became a preprocessor) and for a later call of a shared layer
     */
    static Counts of(ComputationGraph graph, LayerSpec layer) {
        GraphVertex vertex = graph.getVertex(layer.name());
        // A later call of a shared layer holds a copy of the layer's weights: Keras counts them once.
        if (vertex == null || vertex.numParams() == 0 || layer.isLaterCall()) {
            return new Counts(0, 0);
        }
        boolean layerTrainable = !Boolean.FALSE.equals(layer.config().get("trainable"));
        long trainable = 0;
        long frozen = 0;
        for (Map.Entry<String, INDArray> parameter : vertex.paramTable(false).entrySet()) {
            long count = parameter.getValue().length();
            if (layerTrainable && !NON_TRAINABLE.contains(parameter.getKey())) trainable += count;
            else frozen += count;
        }
        return new Counts(trainable, frozen);
    }
}
