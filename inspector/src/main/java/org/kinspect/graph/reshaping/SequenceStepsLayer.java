package org.kinspect.graph.reshaping;

import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A weightless layer that changes a sequence along its steps, computed in Keras's layout
 * {@code [batch, steps, features]}: DL4J's {@code NCW} arrays are permuted there and back. DL4J's
 * own 1D padding, cropping and upsampling layers work on another axis of the arrays Keras import
 * gives them. Fields are plain properties, for DL4J's JSON.
 *
 * <pre>{@code
 * SequenceStepsLayer padding = new SequencePadding("pad", 2, 1);
 * }</pre>
 */
public abstract class SequenceStepsLayer extends WeightlessLayer {
    private RNNFormat format = RNNFormat.NCW;

    /** For DL4J's JSON. */
    protected SequenceStepsLayer() {}

    /** @param name the layer name */
    protected SequenceStepsLayer(String name) {
        setLayerName(name);
    }

    /**
     * @param sameDiff the graph
     * @param steps the input as {@code [batch, steps, features]}
     * @return the output as {@code [batch, steps, features]}
     */
    protected abstract SDVariable defineOnSteps(SameDiff sameDiff, SDVariable steps);

    /**
     * @param inputLength the input's number of steps, or -1 when unknown
     * @return the output's number of steps, or -1 when unknown
     */
    protected abstract long outputLength(long inputLength);

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput, Map<String, SDVariable> paramTable,
            SDVariable mask) {
        boolean channelsFirst = format == RNNFormat.NCW;
        SDVariable steps = channelsFirst ? sameDiff.permute(layerInput, 0, 2, 1) : layerInput;
        SDVariable output = defineOnSteps(sameDiff, steps);
        return channelsFirst ? sameDiff.permute(output, 0, 2, 1) : output;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        format = sequence(inputType).getFormat();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent sequence = sequence(inputType);
        long length = sequence.getTimeSeriesLength();
        return InputType.recurrent(sequence.getSize(), length < 0 ? -1 : outputLength(length), sequence.getFormat());
    }

    private InputType.InputTypeRecurrent sequence(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent sequence)) {
            throw new IllegalStateException("layer '" + getLayerName() + "' reads sequences, not " + inputType);
        }
        return sequence;
    }

    public RNNFormat getFormat() {
        return format;
    }

    public void setFormat(RNNFormat format) {
        this.format = format;
    }
}
