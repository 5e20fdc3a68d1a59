package org.kinspect.units;

import java.io.Serializable;
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
 *
 * <p>Parts of a data set can be accumulated apart (on other threads or machines: the accumulator
 * is serialisable) and merged: {@link #add(INDArray, long[])} numbers each example by its index in
 * the whole data set, and {@link #merge(UnitAccumulator)} combines counts, extremes and top lists
 * exactly and the moments with Chan's update (equal to one pass up to rounding).
 *
 * <pre>{@code
 * part.add(batch, new long[] {1000, 1001, 1002});   // the examples' indices in the whole data set
 * whole.merge(part);
 * }</pre>
 */
public final class UnitAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

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
        add(batch, null);
    }

    /**
     * Adds a batch whose examples have the given indices in the whole data set (the indices the
     * top lists name).
     *
     * @param batch as for {@link #add(INDArray)}
     * @param exampleIndices one index per example of the batch, or null to number them on from the
     *     examples added before
     * @throws IllegalArgumentException when the shape does not fit, or the indices are not one per example
     */
    public void add(INDArray batch, long[] exampleIndices) {
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
        if (exampleIndices != null && exampleIndices.length != size) {
            throw new IllegalArgumentException(exampleIndices.length + " example indices for a batch of " + size);
        }
        // A permuted array can share its whole buffer at offset 0 in another order: check the strides too.
        boolean plain = batch.dataType() == DataType.FLOAT && batch.ordering() == 'c' && !batch.isView()
                && batch.offset() == 0 && batch.data().length() == batch.length()
                && Shape.hasDefaultStridesForShape(batch);
        float[] values = (plain ? batch : batch.castTo(DataType.FLOAT).dup('c')).data().asFloat();
        Arrays.fill(batchCounts, 0);
        Arrays.fill(batchSums, 0);
        for (int example = 0; example < size; example++) {
            scanExample(values, example, exampleIndices == null ? examples + example : exampleIndices[example]);
        }
        mergeBatch(values, size);
        examples += size;
    }

    /** First pass over one example: sums, extremes, zeros, and the peak that may make a top example. */
    private void scanExample(float[] values, int example, long index) {
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

    /**
     * Adds another part of the data set: afterwards this accumulator holds what one pass over both
     * parts' examples would. Counts, extremes, zeros and top lists are exact; mean and variance
     * combine with Chan's parallel update.
     *
     * @param other an accumulator of the same layer (units, positions, top count) over other examples
     * @return this accumulator
     * @throws IllegalArgumentException when the other accumulates another shape
     */
    public UnitAccumulator merge(UnitAccumulator other) {
        if (other.units != units || !Arrays.equals(other.positionShape, positionShape) || other.topCount != topCount) {
            throw new IllegalArgumentException("cannot merge " + other.units + " units " + Arrays.toString(other.positionShape)
                    + " top " + other.topCount + " into " + units + " units " + Arrays.toString(positionShape)
                    + " top " + topCount);
        }
        for (int unit = 0; unit < units; unit++) {
            long added = other.counts[unit];
            if (added > 0) {
                long before = counts[unit];
                long total = before + added;
                double delta = other.means[unit] - means[unit];
                means[unit] += delta * added / total;
                squaredDeviations[unit] += other.squaredDeviations[unit]
                        + delta * delta * ((double) before * added / total);
                counts[unit] = total;
            }
            // Strict comparisons, as in a pass: of equal extremes (0.0 and -0.0) the earlier part's stays.
            if (other.minima[unit] < minima[unit]) minima[unit] = other.minima[unit];
            if (other.maxima[unit] > maxima[unit]) maxima[unit] = other.maxima[unit];
            zeroExamples[unit] += other.zeroExamples[unit];
            zeroValues[unit] += other.zeroValues[unit];
            nonFinite[unit] += other.nonFinite[unit];
            top[unit].merge(other.top[unit]);
        }
        examples += other.examples;
        return this;
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

    /** @return how many units */
    public int units() {
        return units;
    }

    /** @return how many top examples are kept per unit */
    public int topCount() {
        return topCount;
    }
}
