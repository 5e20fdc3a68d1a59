package org.kinspect.diff;

/**
 * KL divergence and population stability index of two histograms over the same bins, each
 * proportion raised to at least {@code epsilon} so that an empty bin gives a finite term.
 *
 * <pre>{@code
 * Divergence.kl(new long[] {5, 5}, new long[] {9, 1}, 1e-4);   // 0.5 ln(0.5/0.9) + 0.5 ln(0.5/0.1)
 * }</pre>
 */
public final class Divergence {
    private Divergence() {}

    /**
     * @param first the first histogram's counts
     * @param second the second's, over the same bins
     * @param epsilon the least proportion a bin counts as
     * @return {@code sum p ln(p / q)}, p the first's proportions, q the second's; NaN when either is empty
     */
    public static double kl(long[] first, long[] second, double epsilon) {
        double[] p = proportions(first, epsilon);
        double[] q = proportions(second, epsilon);
        if (p == null || q == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (int bin = 0; bin < p.length; bin++) {
            sum += p[bin] * Math.log(p[bin] / q[bin]);
        }
        return sum;
    }

    /**
     * @param first the first histogram's counts
     * @param second the second's, over the same bins
     * @param epsilon the least proportion a bin counts as
     * @return {@code sum (q - p) ln(q / p)}; NaN when either is empty
     */
    public static double psi(long[] first, long[] second, double epsilon) {
        double[] p = proportions(first, epsilon);
        double[] q = proportions(second, epsilon);
        if (p == null || q == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (int bin = 0; bin < p.length; bin++) {
            sum += (q[bin] - p[bin]) * Math.log(q[bin] / p[bin]);
        }
        return sum;
    }

    private static double[] proportions(long[] counts, double epsilon) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return null;
        }
        double[] proportions = new double[counts.length];
        for (int bin = 0; bin < counts.length; bin++) {
            proportions[bin] = Math.max((double) counts[bin] / total, epsilon);
        }
        return proportions;
    }
}
