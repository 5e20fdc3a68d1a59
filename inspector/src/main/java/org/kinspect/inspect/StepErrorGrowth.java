package org.kinspect.inspect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sequence output whose difference from Keras's starts at float32 rounding and grows step by
 * step by orders of magnitude: what a chaotic recurrence (a recurrent layer whose state is
 * sensitive to tiny changes) does to rounding differences between two correct implementations.
 * It is a hint for the person reading a mismatch, never a match: a wrong import can grow too.
 *
 * <pre>{@code
 * StepErrorGrowth.of(ours, keras, 1e-5).ifPresent(growth -> System.out.println(growth.describe("lstm_1")));
 * }</pre>
 *
 * @param firstError the largest relative error at step 0
 * @param lastStep the step with the largest relative error
 * @param lastError that error
 */
public record StepErrorGrowth(double firstError, int lastStep, double lastError) {
    /** The error of float32 rounding after a few operations: where a growth must start. */
    static final double ROUNDING = 1e-5;
    /** How many times the late steps' error must exceed the early steps'. */
    static final double GROWTH = 100;
    /** Fewer steps than this do not show a trend. */
    static final int MINIMUM_STEPS = 8;

    /**
     * @param ours our output, (batch, steps, features) in Keras's layout
     * @param keras Keras's, same shape
     * @param tolerance the relative tolerance a value must meet to match
     * @return the growth, when the output is a sequence whose first quarter of steps matches to
     *     about float32 rounding and whose last quarter does not match, with an error at least
     *     {@value #GROWTH} times larger
     */
    public static Optional<StepErrorGrowth> of(INDArray ours, INDArray keras, double tolerance) {
        if (ours == null || keras == null || ours.rank() != 3 || !Arrays.equals(ours.shape(), keras.shape())
                || ours.size(1) < MINIMUM_STEPS) {
            return Optional.empty();
        }
        double[] errors = stepErrors(ours, keras);
        int quarter = errors.length / 4;
        double early = Arrays.stream(errors, 0, quarter).max().orElse(0);
        int worst = 0;
        for (int step = 1; step < errors.length; step++) {
            worst = errors[step] > errors[worst] ? step : worst;
        }
        double late = Arrays.stream(errors, errors.length - quarter, errors.length).max().orElse(0);
        boolean grows = early <= Math.min(ROUNDING, tolerance) && late > tolerance
                && late >= GROWTH * Math.max(early, 1e-9) && worst >= errors.length - quarter;
        return grows ? Optional.of(new StepErrorGrowth(errors[0], worst, errors[worst])) : Optional.empty();
    }

    /** @return the largest relative error of each step, over the batch and the features */
    private static double[] stepErrors(INDArray ours, INDArray keras) {
        float[] a = ours.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] b = keras.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int steps = (int) ours.size(1);
        int features = (int) ours.size(2);
        double[] errors = new double[steps];
        for (int i = 0; i < a.length; i++) {
            int step = (i / features) % steps;
            double relative = Math.abs((double) a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
            errors[step] = Double.isNaN(relative) ? Double.POSITIVE_INFINITY : Math.max(errors[step], relative);
        }
        return errors;
    }

    /**
     * @param layer the layer's name
     * @return one line for the person reading the mismatch
     */
    public String describe(String layer) {
        return String.format(Locale.ROOT, "hint: %s's error grows step by step, from %.1e at step 0 to %.1e at step %d: a recurrence"
                + " that amplifies float32 rounding does this (chaotic dynamics), but so can a wrong import; compare a"
                + " shorter sequence, or the first steps", layer, firstError, lastError, lastStep);
    }
}
