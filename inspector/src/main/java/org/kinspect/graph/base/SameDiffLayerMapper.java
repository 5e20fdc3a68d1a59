package org.kinspect.graph.base;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A mapper to one of kinspect's SameDiff layers whose parameters are named as Keras names the
 * weights: each Keras tensor is reshaped to its parameter's shape (the same values in the same
 * order, unit axes added) and written into the parameter array. Weights the layer has no parameter
 * for (a Normalization's {@code count}) are left out.
 *
 * <pre>{@code
 * class KerasSquare extends SameDiffLayerMapper { ... layer = new SquareLayer(); ... }
 * }</pre>
 */
public abstract class SameDiffLayerMapper extends KerasLayer {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException never here; subclasses refuse their options
     */
    protected SameDiffLayerMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
    }

    /**
     * @param parameter a parameter's name
     * @param weights the Keras weights by name
     * @return the Keras weight for it, or null
     */
    protected INDArray kerasWeight(String parameter, Map<String, INDArray> weights) {
        return weights.get(parameter);
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) throws InvalidKerasConfigurationException {
        SDLayerParams params = new SDLayerParams();
        ((SameDiffLayer) layer).defineParameters(params);
        this.weights = new HashMap<>();
        for (Map.Entry<String, long[]> parameter : params.getParamShapes().entrySet()) {
            INDArray value = kerasWeight(parameter.getKey(), weights);
            long count = Arrays.stream(parameter.getValue()).reduce(1, Math::multiplyExact);
            if (value == null || value.length() != count) {
                throw new InvalidKerasConfigurationException(className + " '" + layerName + "': weight "
                        + parameter.getKey() + " " + (value == null ? "is missing (the file has " + weights.keySet() + ")"
                        : Arrays.toString(value.shape())
                        + " does not fit " + Arrays.toString(parameter.getValue())));
            }
            this.weights.put(parameter.getKey(), value.reshape(parameter.getValue()));
        }
    }

    /**
     * DL4J's SameDiff layers check the shape in {@code setParam} but never assign the value, so the
     * weights are written into the parameter arrays themselves.
     */
    @Override
    public void copyWeightsToLayer(org.deeplearning4j.nn.api.Layer dl4jLayer) throws InvalidKerasConfigurationException {
        for (Map.Entry<String, INDArray> weight : weights.entrySet()) {
            INDArray parameter = dl4jLayer.paramTable().get(weight.getKey());
            if (parameter == null || !Arrays.equals(parameter.shape(), weight.getValue().shape())) {
                throw new InvalidKerasConfigurationException(className + " '" + layerName + "': weight "
                        + weight.getKey() + " does not fit the layer");
            }
            parameter.assign(weight.getValue());
        }
    }
}
