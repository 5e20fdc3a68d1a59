package org.kinspect.custom;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** A Java replacement for a Lambda: x * factor + offset. */
public class AffineLambda extends SameDiffLambdaLayer {
    private double factor;
    private double offset;

    public AffineLambda() {}

    public AffineLambda(double factor, double offset) {
        this.factor = factor;
        this.offset = offset;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
        return input.mul(factor).add(offset);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    public double getFactor() {
        return factor;
    }

    public void setFactor(double factor) {
        this.factor = factor;
    }

    public double getOffset() {
        return offset;
    }

    public void setOffset(double offset) {
        this.offset = offset;
    }
}
