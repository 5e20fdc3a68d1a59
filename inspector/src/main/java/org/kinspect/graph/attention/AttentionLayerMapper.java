package org.kinspect.graph.attention;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.graph.base.VertexWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the attention mappers share: their DL4J form is an {@link AttentionVertex}, which takes the
 * layer's Keras weights by name.
 */
abstract class AttentionLayerMapper extends KerasLayer implements VertexWeights {
    private int weightCount;

    /**
     * @param layerConfig the Keras layer, normalised
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException never here
     */
    AttentionLayerMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
    }

    /**
     * @param attention the layer's vertex
     * @param weightCount how many weights the layer has
     */
    void useVertex(AttentionVertex attention, int weightCount) {
        this.vertex = attention;
        this.weightCount = weightCount;
    }

    @Override
    public int getNumParams() {
        return weightCount;
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) {
        this.weights = new HashMap<>(weights);
    }

    @Override
    public void copyWeightsTo(GraphVertex vertex) throws InvalidKerasConfigurationException {
        try {
            ((AttentionVertexImpl) vertex).setWeights(getWeights());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidKerasConfigurationException(e.getMessage());
        }
    }

    @Override
    public InputType getOutputType(InputType... inputType) {
        return vertex.getOutputType(-1, inputType);
    }
}
