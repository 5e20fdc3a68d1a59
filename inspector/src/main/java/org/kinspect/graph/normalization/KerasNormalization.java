package org.kinspect.graph.normalization;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps Keras's {@code LayerNormalization} and {@code UnitNormalization}, which DL4J's importer
 * does not know, to {@link LayerNormalizationLayer} and {@link UnitNormalizationLayer}. The DL4J
 * layer is made once the input type is known, since its weights' shape depends on it.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("LayerNormalization", KerasNormalization.class);
 * KerasLayer.registerCustomLayer("UnitNormalization", KerasNormalization.class);
 * }</pre>
 */
public class KerasNormalization extends KerasLayer {
    private final boolean unit;
    private final Object axis;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for {@code rms_scaling}
     */
    public KerasNormalization(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> inner = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        this.unit = "UnitNormalization".equals(className);
        this.axis = inner.getOrDefault("axis", -1);
        this.epsilon = ((Number) inner.getOrDefault("epsilon", 1e-3)).doubleValue();
        this.center = !Boolean.FALSE.equals(inner.get("center"));
        this.scale = !Boolean.FALSE.equals(inner.get("scale"));
        if (Boolean.TRUE.equals(inner.get("rms_scaling"))) {
            throw new UnsupportedKerasConfigurationException("LayerNormalization '" + layerName
                    + "': rms_scaling=True is not supported");
        }
    }

    @Override
    public InputType getOutputType(InputType... inputType)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        if (inputType.length != 1) {
            throw new InvalidKerasConfigurationException(className + " '" + layerName + "' takes one input");
        }
        KerasAxes layout = KerasAxes.of(inputType[0], KerasAxes.parse(axis), layerName);
        if (layer == null) {
            layer = unit ? new UnitNormalizationLayer(layerName, layout)
                    : new LayerNormalizationLayer(layerName, layout, epsilon, center, scale);
        }
        return inputType[0];
    }

    @Override
    public int getNumParams() {
        return unit ? 0 : (center ? 1 : 0) + (scale ? 1 : 0);
    }

    /**
     * DL4J's SameDiff layers check the shape in {@code setParam} but never assign the value, so the
     * weights are written into the parameter arrays themselves.
     */
    @Override
    public void copyWeightsToLayer(org.deeplearning4j.nn.api.Layer dl4jLayer) throws InvalidKerasConfigurationException {
        for (Map.Entry<String, INDArray> weight : weights.entrySet()) {
            INDArray parameter = dl4jLayer.paramTable().get(weight.getKey());
            if (parameter == null || !java.util.Arrays.equals(parameter.shape(), weight.getValue().shape())) {
                throw new InvalidKerasConfigurationException(className + " '" + layerName + "': weight "
                        + weight.getKey() + " does not fit the layer");
            }
            parameter.assign(weight.getValue());
        }
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) throws InvalidKerasConfigurationException {
        this.weights = new HashMap<>();
        if (unit) {
            return;
        }
        long[] shape = ((LayerNormalizationLayer) layer).weightShape();
        for (String name : new String[] {LayerNormalizationLayer.GAMMA, LayerNormalizationLayer.BETA}) {
            INDArray value = weights.get(name);
            if (value != null) {
                this.weights.put(name, value.reshape(shape));
            } else if ((name.equals(LayerNormalizationLayer.GAMMA) ? scale : center)) {
                throw new InvalidKerasConfigurationException("LayerNormalization '" + layerName + "' has no " + name);
            }
        }
    }
}
