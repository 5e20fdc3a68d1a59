package org.kinspect.eval;

import java.util.List;

/**
 * How far the model's probabilities can be taken at their word. Predictions are put in equal-width
 * bins by their probability; in a calibrated model each bin's mean probability equals how often
 * the event happened in it.
 *
 * <p>What is binned: for a multi-class model the predicted class's probability (its confidence)
 * against whether it was right; for a binary model the probability of class 1 against whether the
 * example is class 1; for a multi-label model every label's probability against whether the label
 * is set.
 *
 * <pre>{@code
 * Calibration calibration = evaluation.calibration();
 * System.out.printf("ECE %.3f, Brier %.3f%n", calibration.expectedError(), calibration.brier());
 * }</pre>
 *
 * @param bins the bins, from probability 0 to 1
 * @param expectedError the expected calibration error: the bins' |frequency - mean probability|,
 *     weighted by how many predictions fall in each
 * @param maximumError the largest such gap of a non-empty bin
 * @param brier the Brier score: the mean squared difference between probabilities and outcomes
 *     (0/1), summed over the classes of a multi-class model, averaged over the labels of a
 *     multi-label one
 * @param logLoss the mean negative log-likelihood of the true outcomes, probabilities clipped to
 *     [1e-15, 1 - 1e-15]; averaged over the labels of a multi-label model
 */
public record Calibration(List<Bin> bins, double expectedError, double maximumError, double brier, double logLoss) {

    /** Copies the bins so the record stays immutable. */
    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * One bin of predictions.
     *
     * @param lower its lowest probability
     * @param upper its highest (the last bin includes 1)
     * @param count how many predictions fell in it
     * @param meanProbability their mean probability (NaN when empty)
     * @param frequency how often the event happened among them (NaN when empty)
     */
    public record Bin(double lower, double upper, long count, double meanProbability, double frequency) {}
}
