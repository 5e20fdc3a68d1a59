package org.kinspect.graph.reshaping;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras's {@code UpSampling1D}: every step repeated {@code size} times, as nearest-neighbour
 * upsampling of the sequence seen as an image one column wide.
 *
 * <pre>{@code
 * new SequenceUpsampling("up1d", 3); // 5 steps become 15
 * }</pre>
 */
public class SequenceUpsampling extends SequenceStepsLayer {
    private int size;

    /** For DL4J's JSON. */
    public SequenceUpsampling() {}

    /**
     * @param name the layer name
     * @param size how many times each step is repeated
     */
    public SequenceUpsampling(String name, int size) {
        super(name);
        this.size = size;
    }

    @Override
    protected SDVariable defineOnSteps(SameDiff sameDiff, SDVariable steps) {
        SDVariable image = sameDiff.expandDims(steps, 2); // [batch, steps, 1, features]: NHWC
        return sameDiff.squeeze(sameDiff.cnn().upsampling2d(image, size, 1, false), 2);
    }

    @Override
    protected long outputLength(long inputLength) {
        return inputLength * size;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }
}
