package org.kinspect.units;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Per-unit statistics of a layer's output, accumulated batch by batch in memory that does not
 * grow with the number of examples: count, mean and sum of squared deviations combined across
 * batches with Chan et al.'s parallel update (each batch's own mean and deviations computed in two
 * passes first), so the variance stays accurate over millions of values far from zero; min, max;
 * how often each unit is exactly zero; and each unit's top examples by peak value.
 *
 * <pre>{@code
 * UnitAccumulator accumulator = new UnitAccumulator(8, new long[] {20}, 9);  // 8 units, 20 steps
 * for (INDArray batch : lstmOutputs) {           // each (batch, 20, 8), channels last
 *     accumulator.add(batch);
 * }
 * List<UnitStatistics> units = accumulator.statistics();
 * }</pre>
 */
public final class UnitAccumulator {
    private final int units;
    private final long[] positionShape;
    private final int positions;
    private final int topCount;
    private long examples;

    private final long[] counts;
    private final double[] means;
    private final double[] squaredDeviations;
    private final double[] minima;
    private final double[] maxima;
    private final long[] zeroExamples;
    private final long[] zeroValues;
    private final long[] nonFinite;
    private final TopExamples[] top;

    // Scratch space for one batch, kept to make no garbage per batch.
    private final long[] batchCounts;
    private final double[] batchSums;
    private final double[] batchMeans;
    private final double[] batchSquares;
    private final double[] peaks;
    private final int[] peakPositions;
    private final boolean[] allZero;

    /**
     * @param units how many units (channels) the layer has
     * @param positionShape its position axes per example (time steps; image rows and columns);
     *     empty when it outputs one vector per example
     * @param topCount how many top examples to keep per unit
     */
    public UnitAccumulator(int units, long[] positionShape, int topCount) {
        if (units <= 0 || topCount < 0) {
            throw new IllegalArgumentException(units + " units, top " + topCount);
        }
        this.units = units;
        this.positionShape = positionShape.clone();
        long product = 1;
        for (long size : positionShape) {
            product *= size;
        }
        if (product > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many positions: " + Arrays.toString(positionShape));
        }
        this.positions = (int) product;
        this.topCount = topCount;
        counts = new long[units];
        means = new double[units];
        squaredDeviations = new double[units];
        minima = filled(Double.POSITIVE_INFINITY);
        maxima = filled(Double.NEGATIVE_INFINITY);
        zeroExamples = new long[units];
        zeroValues = new long[units];
        nonFinite = new long[units];
        top = new TopExamples[units];
        for (int unit = 0; unit < units; unit++) {
            top[unit] = new TopExamples(topCount);
        }
        batchCounts = new long[units];
        batchSums = new double[units];
        batchMeans = new double[units];
        batchSquares = new double[units];
        peaks = new double[units];
        peakPositions = new int[units];
        allZero = new boolean[units];
    }

    private double[] filled(double value) {
        double[] array = new double[units];
        Arrays.fill(array, value);
        return array;
    }

    /**
     * Adds the next batch; its examples are numbered on from the ones added before.
     *
     * @param batch the layer's output for consecutive examples, shape {@code (batch,
     *     positionShape..., units)}: channels last
     * @throws IllegalArgumentException when the shape does not fit
     */
    public void add(INDArray batch) {
        long[] shape = batch.shape();
        long[] expected = new long[positionShape.length + 2];
        expected[0] = shape.length > 0 ? shape[0] : -1;
        System.arraycopy(positionShape, 0, expected, 1, positionShape.length);
        expected[expected.length - 1] = units;
        if (!Arrays.equals(shape, expected)) {
            throw new IllegalArgumentException("a batch of shape " + Arrays.toString(shape) + " where (batch, "
                    + Arrays.toString(positionShape) + ", " + units + ") was expected");
        }
        int size = (int) shape[0];
        // A permuted array can share its whole buffer at offset 0 in another order: check the strides too.
        boolean plain = batch.dataType() == DataType.FLOAT && batch.ordering() == 'c' && !batch.isView()
                && batch.offset() == 0 && batch.data().length() == batch.length()
                && Shape.hasDefaultStridesForShape(batch);
        float[] values = (plain ? batch : batch.castTo(DataType.FLOAT).dup('c')).data().asFloat();
        Arrays.fill(batchCounts, 0);
        Arrays.fill(batchSums, 0);
        for (int example = 0; example < size; example++) {
            scanExample(values, example);
        }
        mergeBatch(values, size);
        examples += size;
    }

    /** First pass over one example: sums, extremes, zeros, and the peak that may make a top example. */
    private void scanExample(float[] values, int example) {
        Arrays.fill(peaks, Double.NEGATIVE_INFINITY);
        Arrays.fill(peakPositions, -1);
        Arrays.fill(allZero, true);
        int offset = example * positions * units;
        for (int position = 0; position < positions; position++) {
            for (int unit = 0; unit < units; unit++) {
                float value = values[offset++];
                if (!Float.isFinite(value)) {
                    nonFinite[unit]++;
                    allZero[unit] = false;
                    continue;
                }
                batchCounts[unit]++;
                batchSums[unit] += value;
                if (value < minima[unit]) minima[unit] = value;
                if (value > maxima[unit]) maxima[unit] = value;
                if (value == 0f) {
                    zeroValues[unit]++;
                } else {
                    allZero[unit] = false;
                }
                if (value > peaks[unit]) {
                    peaks[unit] = value;
                    peakPositions[unit] = position;
                }
            }
        }
        long index = examples + example;
        for (int unit = 0; unit < units; unit++) {
            if (allZero[unit]) {
                zeroExamples[unit]++;
            }
            if (peakPositions[unit] >= 0) {
                top[unit].offer(peaks[unit], index, peakPositions[unit]);
            }
        }
    }

    /** Second pass: the batch's squared deviations about its own mean, then Chan's merge into the totals. */
    private void mergeBatch(float[] values, int size) {
        for (int unit = 0; unit < units; unit++) {
            batchMeans[unit] = batchCounts[unit] == 0 ? 0 : batchSums[unit] / batchCounts[unit];
        }
        Arrays.fill(batchSquares, 0);
        int length = size * positions * units;
        for (int offset = 0, unit = 0; offset < length; offset++) {
            float value = values[offset];
            if (Float.isFinite(value)) {
                double deviation = value - batchMeans[unit];
                batchSquares[unit] += deviation * deviation;
            }
            if (++unit == units) unit = 0;
        }
        for (int unit = 0; unit < units; unit++) {
            long added = batchCounts[unit];
            if (added == 0) {
                continue;
            }
            long before = counts[unit];
            long total = before + added;
            double delta = batchMeans[unit] - means[unit];
            means[unit] += delta * added / total;
            squaredDeviations[unit] += batchSquares[unit] + delta * delta * ((double) before * added / total);
            counts[unit] = total;
        }
    }

    /** @return how many examples were added */
    public long examples() {
        return examples;
    }

    /** @return every unit's statistics so far, in unit order */
    public List<UnitStatistics> statistics() {
        List<UnitStatistics> statistics = new ArrayList<>(units);
        long valuesPerUnit = examples * positions;
        for (int unit = 0; unit < units; unit++) {
            boolean any = counts[unit] > 0;
            statistics.add(new UnitStatistics(unit, counts[unit],
                    any ? means[unit] : Double.NaN,
                    any ? Math.sqrt(squaredDeviations[unit] / counts[unit]) : Double.NaN,
                    any ? minima[unit] : Double.NaN,
                    any ? maxima[unit] : Double.NaN,
                    examples == 0 ? 0 : (double) zeroExamples[unit] / examples,
                    valuesPerUnit == 0 ? 0 : (double) zeroValues[unit] / valuesPerUnit,
                    nonFinite[unit],
                    top[unit].sorted(positionShape)));
        }
        return statistics;
    }

    /** @return the position axes this accumulator expects */
    public long[] positionShape() {
        return positionShape.clone();
    }

    /** @return how many top examples are kept per unit */
    public int topCount() {
        return topCount;
    }
}
