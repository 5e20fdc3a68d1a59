package org.kinspect.diff;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * One layer's per-unit histograms and exact sums for one data set, over bins fixed in advance:
 * {@code bins} equal bins over {@code [low, high]} of each unit, one below and one above. Each
 * example's sums are computed on their own, then added exactly, so merging gives the result of
 * one pass however the examples were split.
 */
final class UnitHistograms implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int units;
    private final int bins;
    private final double[] low;
    private final double[] high;
    private final long[] counts;
    private final long[] values;
    private final long[] zeros;
    private final long[] nonFinite;
    private final ExactSum[] sums;
    private final ExactSum[] squares;

    UnitHistograms(double[] low, double[] high, int bins) {
        this.units = low.length;
        this.bins = bins;
        this.low = low.clone();
        this.high = high.clone();
        counts = new long[units * (bins + 2)];
        values = new long[units];
        zeros = new long[units];
        nonFinite = new long[units];
        sums = new ExactSum[units];
        squares = new ExactSum[units];
        for (int unit = 0; unit < units; unit++) {
            sums[unit] = new ExactSum();
            squares[unit] = new ExactSum();
        }
    }

    int units() {
        return units;
    }

    /** Adds a batch of {@code rows} examples, values in (batch, positions..., units) order. */
    void add(float[] batch, int rows) {
        if (rows == 0) {
            return;
        }
        if (batch.length % (rows * (long) units) != 0) {
            throw new IllegalArgumentException(batch.length + " values are not " + rows + " examples of " + units + " units");
        }
        int perExample = batch.length / rows;
        double[] exampleSums = new double[units];
        double[] exampleSquares = new double[units];
        for (int example = 0; example < rows; example++) {
            Arrays.fill(exampleSums, 0);
            Arrays.fill(exampleSquares, 0);
            int end = (example + 1) * perExample;
            for (int index = example * perExample, unit = 0; index < end; index++) {
                float value = batch[index];
                if (Float.isFinite(value)) {
                    counts[unit * (bins + 2) + bin(value, unit)]++;
                    values[unit]++;
                    if (value == 0f) zeros[unit]++;
                    exampleSums[unit] += value;
                    exampleSquares[unit] += (double) value * value;
                } else {
                    nonFinite[unit]++;
                }
                if (++unit == units) unit = 0;
            }
            for (int unit = 0; unit < units; unit++) {
                sums[unit].add(exampleSums[unit]);
                squares[unit].add(exampleSquares[unit]);
            }
        }
    }

    /** 0 below the range, 1..bins inside it, bins + 1 above it. */
    private int bin(double value, int unit) {
        if (value < low[unit]) {
            return 0;
        }
        if (value > high[unit]) {
            return bins + 1;
        }
        double width = high[unit] - low[unit];
        if (width == 0) {
            return 1;
        }
        return 1 + Math.min((int) Math.floor((value - low[unit]) / width * bins), bins - 1);
    }

    void merge(UnitHistograms other) {
        if (other.units != units || other.bins != bins || !Arrays.equals(other.low, low) || !Arrays.equals(other.high, high)) {
            throw new IllegalArgumentException("cannot merge histograms over other bins");
        }
        for (int index = 0; index < counts.length; index++) {
            counts[index] += other.counts[index];
        }
        for (int unit = 0; unit < units; unit++) {
            values[unit] += other.values[unit];
            zeros[unit] += other.zeros[unit];
            nonFinite[unit] += other.nonFinite[unit];
            sums[unit].add(other.sums[unit]);
            squares[unit].add(other.squares[unit]);
        }
    }

    long[] counts(int unit) {
        return Arrays.copyOfRange(counts, unit * (bins + 2), (unit + 1) * (bins + 2));
    }

    long values(int unit) {
        return values[unit];
    }

    boolean dead(int unit) {
        return values[unit] > 0 && zeros[unit] == values[unit];
    }

    double mean(int unit) {
        if (values[unit] == 0) {
            return Double.NaN;
        }
        return sums[unit].exact().divide(BigDecimal.valueOf(values[unit]), MathContext.DECIMAL128).doubleValue();
    }

    /** The population standard deviation, from the exact sums: no cancellation for values far from 0. */
    double std(int unit) {
        if (values[unit] == 0) {
            return Double.NaN;
        }
        BigDecimal count = BigDecimal.valueOf(values[unit]);
        BigDecimal sum = sums[unit].exact();
        BigDecimal deviations = squares[unit].exact().subtract(sum.multiply(sum).divide(count, MathContext.DECIMAL128));
        double variance = deviations.divide(count, MathContext.DECIMAL128).doubleValue();
        return Math.sqrt(Math.max(variance, 0));
    }


    double low(int unit) {
        return low[unit];
    }

    double high(int unit) {
        return high[unit];
    }
}
