package org.kinspect.graph.base;

import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;

/**
 * A layer mapper whose layer becomes a graph vertex with parameters of its own (not a DL4J layer,
 * whose weights DL4J's {@code copyWeightsToLayer} copies): it copies the weights it was given with
 * {@code setWeights} into the running vertex.
 *
 * <pre>{@code
 * mapper.setWeights(kerasWeightsByName);
 * ((VertexWeights) mapper).copyWeightsTo(graph.getVertex(name));
 * }</pre>
 */
public interface VertexWeights {

    /**
     * @param vertex this layer's vertex in the graph
     * @throws InvalidKerasConfigurationException when the weights do not fit the vertex
     */
    void copyWeightsTo(GraphVertex vertex) throws InvalidKerasConfigurationException;
}
