package org.kinspect.inspect;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a person first asks of a layer's output: its range and mean, how much of it is exactly
 * zero (dead ReLU units), and whether anything is NaN or infinite.
 *
 * <pre>{@code
 * ActivationStatistics stats = ActivationStatistics.of(activations.get("dense_1"));
 * if (stats.zeroFraction() > 0.5) System.out.println("half of dense_1 never fires");
 * }</pre>
 *
 * @param count how many values
 * @param min the smallest finite value (NaN when there is none)
 * @param mean the mean of the finite values (NaN when there is none)
 * @param max the largest finite value (NaN when there is none)
 * @param zeroFraction the fraction of values that are exactly zero
 * @param nanCount how many values are NaN
 * @param infinityCount how many values are infinite
 */
public record ActivationStatistics(
        long count, double min, double mean, double max, double zeroFraction, long nanCount, long infinityCount) {

    /**
     * @param values any array
     * @return its statistics, computed in one pass
     */
    public static ActivationStatistics of(INDArray values) {
        float[] data = values.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long finite = 0;
        long zeros = 0;
        long nans = 0;
        long infinities = 0;
        for (float value : data) {
            if (Float.isNaN(value)) {
                nans++;
            } else if (Float.isInfinite(value)) {
                infinities++;
            } else {
                finite++;
                sum += value;
                min = Math.min(min, value);
                max = Math.max(max, value);
                if (value == 0f) zeros++;
            }
        }
        if (finite == 0) {
            return new ActivationStatistics(data.length, Double.NaN, Double.NaN, Double.NaN, 0, nans, infinities);
        }
        return new ActivationStatistics(data.length, min, sum / finite, max,
                data.length == 0 ? 0 : (double) zeros / data.length, nans, infinities);
    }
}
