package org.kinspect.custom;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The fixture's custom Keras layer MyPkg>ScaleShift in DL4J: y = x * scale + shift, per feature. */
public class ScaleShiftLayer extends SameDiffLayer {
    private long features;

    public ScaleShiftLayer() {}

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return input.mul(params.get("scale")).add(params.get("shift"));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("scale", 1, features);
        params.addBiasParam("shift", 1, features);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("scale").assign(1);
        params.get("shift").assign(0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (features == 0 || override) {
            features = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    public long getFeatures() {
        return features;
    }

    public void setFeatures(long features) {
        this.features = features;
    }
}
