package org.kinspect.custom;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.api.ndarray.INDArray;

/** DL4J's mapper for MyPkg>ScaleShift: its two weights, named in a .h5, by position in a .keras. */
public class KerasScaleShift extends KerasLayer {

    public KerasScaleShift(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        ScaleShiftLayer layer = new ScaleShiftLayer();
        layer.setLayerName(layerName);
        this.layer = layer;
    }

    @Override
    public InputType getOutputType(InputType... inputType) {
        return inputType[0];
    }

    @Override
    public int getNumParams() {
        return 2;
    }

    /** DL4J's SameDiff layers check the shape in setParam but do not copy: the weights go into their views. */
    @Override
    public void copyWeightsToLayer(org.deeplearning4j.nn.api.Layer layer) {
        weights.forEach((name, values) -> layer.paramTable().get(name).assign(values));
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) {
        this.weights = new HashMap<>();
        this.weights.put("scale", weights.getOrDefault("scale", weights.get("0")).reshape(1, -1));
        this.weights.put("shift", weights.getOrDefault("shift", weights.get("1")).reshape(1, -1));
    }
}
