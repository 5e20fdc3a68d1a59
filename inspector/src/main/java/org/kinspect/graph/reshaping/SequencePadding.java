package org.kinspect.graph.reshaping;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code ZeroPadding1D}: zero steps added before and after the sequence.
 *
 * <pre>{@code
 * new SequencePadding("pad1d", 2, 1); // 6 steps become 9
 * }</pre>
 */
public class SequencePadding extends SequenceStepsLayer {
    private int before;
    private int after;

    /** For DL4J's JSON. */
    public SequencePadding() {}

    /**
     * @param name the layer name
     * @param before zero steps added at the start
     * @param after zero steps added at the end
     */
    public SequencePadding(String name, int before, int after) {
        super(name);
        this.before = before;
        this.after = after;
    }

    @Override
    protected SDVariable defineOnSteps(SameDiff sameDiff, SDVariable steps) {
        SDVariable padding = sameDiff.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {before, after}, {0, 0}})
                .castTo(DataType.INT));
        return sameDiff.nn().pad(steps, padding, 0.0);
    }

    @Override
    protected long outputLength(long inputLength) {
        return inputLength + before + after;
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
