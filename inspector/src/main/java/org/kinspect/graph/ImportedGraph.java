package org.kinspect.graph;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.config.ModelSpec;

/**
 * A Keras model imported into DL4J.
 *
 * @param graph the DL4J graph, with the Keras weights in it; its vertices carry the Keras layer names
 * @param spec the model as its configuration describes it
 * @param outputTypes DL4J's description of each Keras layer's output (its shape and memory layout)
 * @param hasWeights false when the model was built from a configuration alone (weights are zero)
 * @param provenance where each of the graph's parameters came from
 */
public record ImportedGraph(ComputationGraph graph, ModelSpec spec, Map<String, InputType> outputTypes,
        boolean hasWeights, ParameterProvenance provenance) {}
