package org.kinspect.graph.reshaping;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Keras's {@code Cropping1D}: steps removed from the start and the end of the sequence.
 *
 * <pre>{@code
 * new SequenceCropping("crop1d", 1, 3); // 9 steps become 5
 * }</pre>
 */
public class SequenceCropping extends SequenceStepsLayer {
    private int before;
    private int after;

    /** For DL4J's JSON. */
    public SequenceCropping() {}

    /**
     * @param name the layer name
     * @param before steps removed at the start
     * @param after steps removed at the end
     */
    public SequenceCropping(String name, int before, int after) {
        super(name);
        this.before = before;
        this.after = after;
    }

    @Override
    protected SDVariable defineOnSteps(SameDiff sameDiff, SDVariable steps) {
        // begin and end masks take whole axes; the steps axis's end counts back from the end (or is the end)
        int endMask = after == 0 ? 0b111 : 0b101;
        return sameDiff.stridedSlice(steps, new long[] {0, before, 0}, new long[] {0, -after, 0},
                new long[] {1, 1, 1}, 0b101, endMask, 0, 0, 0);
    }

    @Override
    protected long outputLength(long inputLength) {
        return inputLength - before - after;
    }

    public int getBefore() {
        return before;
    }

    public void setBefore(int before) {
        this.before = before;
    }

    public int getAfter() {
        return after;
    }

    public void setAfter(int after) {
        this.after = after;
    }
}
