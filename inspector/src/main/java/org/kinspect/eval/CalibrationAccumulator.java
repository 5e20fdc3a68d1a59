package org.kinspect.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Gathers predictions into calibration bins, and the Brier and log-loss sums, one at a time. */
final class CalibrationAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int BINS = 10;
    private static final double CLIP = 1e-15;

    private final long[] counts = new long[BINS];
    private final double[] probabilities = new double[BINS];
    private final long[] events = new long[BINS];
    private double brierSum;
    private double logLossSum;
    private long scored;

    /**
     * @param probability the predicted probability of the event
     * @param happened whether it happened
     */
    void addBinned(double probability, boolean happened) {
        int bin = Math.min(BINS - 1, Math.max(0, (int) Math.floor(probability * BINS)));
        counts[bin]++;
        probabilities[bin] += probability;
        if (happened) events[bin]++;
    }

    /**
     * @param squaredError this example's Brier term
     * @param trueProbability the probability the model gave what happened, for the log loss
     */
    void addScore(double squaredError, double trueProbability) {
        brierSum += squaredError;
        logLossSum -= Math.log(Math.min(1 - CLIP, Math.max(CLIP, trueProbability)));
        scored++;
    }

    /** Adds another part's bins and sums (the sums equal one pass's up to rounding). */
    void merge(CalibrationAccumulator other) {
        for (int bin = 0; bin < BINS; bin++) {
            counts[bin] += other.counts[bin];
            probabilities[bin] += other.probabilities[bin];
            events[bin] += other.events[bin];
        }
        brierSum += other.brierSum;
        logLossSum += other.logLossSum;
        scored += other.scored;
    }

    /** @return the calibration so far */
    Calibration result() {
        List<Calibration.Bin> bins = new ArrayList<>(BINS);
        long total = 0;
        for (long count : counts) total += count;
        double expected = 0;
        double maximum = 0;
        for (int bin = 0; bin < BINS; bin++) {
            double meanProbability = counts[bin] == 0 ? Double.NaN : probabilities[bin] / counts[bin];
            double frequency = counts[bin] == 0 ? Double.NaN : (double) events[bin] / counts[bin];
            bins.add(new Calibration.Bin((double) bin / BINS, (double) (bin + 1) / BINS, counts[bin], meanProbability,
                    frequency));
            if (counts[bin] > 0) {
                double gap = Math.abs(frequency - meanProbability);
                expected += gap * counts[bin] / total;
                maximum = Math.max(maximum, gap);
            }
        }
        return new Calibration(bins, total == 0 ? Double.NaN : expected, total == 0 ? Double.NaN : maximum,
                scored == 0 ? Double.NaN : brierSum / scored, scored == 0 ? Double.NaN : logLossSum / scored);
    }
}
