package org.kinspect.units;

import java.util.Arrays;
import java.util.Objects;

/**
 * One of the examples that excite a unit most.
 *
 * <pre>{@code
 * TopActivation best = survey.units().get(3).top().get(0);
 * System.out.println("example " + best.index() + " peaks at step " + best.step() + ": " + best.value());
 * }</pre>
 *
 * @param index the example's index in the data set, from 0
 * @param value the unit's activation for it: its largest over every position (time step, pixel)
 *     when the layer outputs a sequence or an image
 * @param position where that largest value is, one index per position axis (a time step for a
 *     sequence, row and column for an image); empty when the layer has no position axes
 */
public record TopActivation(long index, double value, long[] position) {

    /** Copies the position so the record stays immutable. */
    public TopActivation {
        position = position.clone();
    }

    @Override
    public long[] position() {
        return position.clone();
    }

    /** @return the time step of the peak for a sequence layer, or -1 when the layer has no single position axis */
    public long step() {
        return position.length == 1 ? position[0] : -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopActivation top && index == top.index
                && Double.compare(value, top.value) == 0 && Arrays.equals(position, top.position);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, value, Arrays.hashCode(position));
    }

    @Override
    public String toString() {
        return "TopActivation[index=" + index + ", value=" + value + ", position="
                + Arrays.toString(position) + "]";
    }
}
