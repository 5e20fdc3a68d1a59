package org.kinspect.diff;

/**
 * How one unit's values moved from the first data set to the second, all its values (every
 * example, every position) pooled. The bins are {@code bins} equal bins over the first set's
 * range {@code [low, high]}, with one more below and one above for values of the second set
 * outside it; each proportion is raised to at least {@link ActivationShift#EPSILON} before the
 * logarithms, so an empty bin gives a large but finite term.
 *
 * <pre>{@code
 * UnitShift unit = layer.units().get(3);
 * unit.kl();          // sum p ln(p / q): p the first set's proportions, q the second's
 * unit.psi();         // sum (q - p) ln(q / p)
 * unit.meanShift();   // mean in the second set minus mean in the first
 * }</pre>
 *
 * @param unit the unit's index (channel)
 * @param kl Kullback-Leibler divergence of the second set's histogram from the first's, {@code
 *     KL(first || second)}; 0 when they are the same
 * @param psi population stability index, symmetric; 0 when they are the same (by a common rule
 *     of thumb, under 0.1 is no shift, over 0.25 a large one)
 * @param meanFirst mean in the first set
 * @param meanSecond mean in the second
 * @param stdFirst standard deviation (population) in the first set
 * @param stdSecond in the second
 * @param deadInFirst whether every value in the first set is exactly 0
 * @param deadInSecond whether every value in the second set is exactly 0
 * @param low the first set's smallest value: where the bins start
 * @param high its largest: where they end
 * @param countsFirst the first set's counts: below {@code low}, the bins, above {@code high}
 * @param countsSecond the second set's counts in the same bins
 */
public record UnitShift(int unit, double kl, double psi, double meanFirst, double meanSecond, double stdFirst,
        double stdSecond, boolean deadInFirst, boolean deadInSecond, double low, double high, long[] countsFirst,
        long[] countsSecond) {

    public UnitShift {
        countsFirst = countsFirst.clone();
        countsSecond = countsSecond.clone();
    }

    @Override
    public long[] countsFirst() {
        return countsFirst.clone();
    }

    @Override
    public long[] countsSecond() {
        return countsSecond.clone();
    }

    /** @return mean in the second set minus mean in the first */
    public double meanShift() {
        return meanSecond - meanFirst;
    }

    /** @return standard deviation in the second set minus in the first */
    public double stdShift() {
        return stdSecond - stdFirst;
    }

    /** @return whether the unit is dead (always 0) in one set and alive in the other */
    public boolean deadInOneSetOnly() {
        return deadInFirst != deadInSecond;
    }
}
