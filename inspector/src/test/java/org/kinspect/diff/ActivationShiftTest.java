package org.kinspect.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shift's numbers against independent computations: the closed form and a numeric reference
 * for two Gaussians, and a direct computation on the full arrays for every unit of a layer.
 */
class ActivationShiftTest {

    /** Values of one unit, fed as (batch, 1 unit). */
    private static DataSetShift shiftOf(float[] first, float[] second, int bins, int batch) {
        ActivationRanges ranges = new ActivationRanges();
        for (INDArray part : batches(first, batch)) {
            ranges.add(Map.of("unit", part));
        }
        ActivationShift shift = new ActivationShift(ranges, bins);
        batches(first, batch).forEach(part -> shift.addFirst(Map.of("unit", part)));
        batches(second, batch).forEach(part -> shift.addSecond(Map.of("unit", part)));
        return shift.result();
    }

    private static List<INDArray> batches(float[] values, int batch) {
        List<INDArray> parts = new ArrayList<>();
        for (int from = 0; from < values.length; from += batch) {
            int to = Math.min(values.length, from + batch);
            float[] part = java.util.Arrays.copyOfRange(values, from, to);
            parts.add(Nd4j.create(part, new long[] {to - from, 1}, 'c'));
        }
        return parts;
    }

    private static float[] gaussian(Random random, int count, double mean, double std) {
        float[] values = new float[count];
        for (int index = 0; index < count; index++) {
            values[index] = (float) (mean + std * random.nextGaussian());
        }
        return values;
    }

    @Test
    void identicalSetsGiveExactlyZero() {
        float[] values = gaussian(new Random(1), 5000, 2, 3);
        UnitShift unit = shiftOf(values, values.clone(), 10, 333).layers().get(0).units().get(0);
        assertEquals(0.0, unit.kl());
        assertEquals(0.0, unit.psi());
        assertEquals(0.0, unit.meanShift());
        assertEquals(0.0, unit.stdShift());
    }

    @Test
    void twoGaussiansAgreeWithTheirExactBinProbabilitiesAndTheClosedForm() {
        Random random = new Random(42);
        int count = 400_000;
        double mean1 = 0, std1 = 1, mean2 = 0.5, std2 = 1.2;
        float[] first = gaussian(random, count, mean1, std1);
        float[] second = gaussian(random, count, mean2, std2);
        int bins = 40;
        UnitShift unit = shiftOf(first, second, bins, 4096).layers().get(0).units().get(0);

        // The numeric reference: each bin's probability under each Gaussian, over the same edges
        // (the first sample's range, with the two open bins outside it), floored as the shift does.
        double low = unit.low();
        double high = unit.high();
        double[] p = new double[bins + 2];
        double[] q = new double[bins + 2];
        for (int bin = 0; bin < bins + 2; bin++) {
            double from = bin == 0 ? Double.NEGATIVE_INFINITY : low + (high - low) * (bin - 1) / bins;
            double to = bin == bins + 1 ? Double.POSITIVE_INFINITY : low + (high - low) * bin / bins;
            p[bin] = Math.max(probability(from, to, mean1, std1), ActivationShift.EPSILON);
            q[bin] = Math.max(probability(from, to, mean2, std2), ActivationShift.EPSILON);
        }
        double kl = 0;
        double psi = 0;
        for (int bin = 0; bin < p.length; bin++) {
            kl += p[bin] * Math.log(p[bin] / q[bin]);
            psi += (q[bin] - p[bin]) * Math.log(q[bin] / p[bin]);
        }
        // sampling error of 400,000 values per set: a few thousandths
        assertEquals(kl, unit.kl(), 0.005);
        assertEquals(psi, unit.psi(), 0.01);
        // the closed form of KL(N1 || N2); 40 bins over the sample's range lose a little of it
        double closedForm = Math.log(std2 / std1) + (std1 * std1 + (mean1 - mean2) * (mean1 - mean2)) / (2 * std2 * std2) - 0.5;
        assertEquals(closedForm, unit.kl(), 0.01);
        // and the symmetric KL, which PSI estimates
        double reverse = Math.log(std1 / std2) + (std2 * std2 + (mean1 - mean2) * (mean1 - mean2)) / (2 * std1 * std1) - 0.5;
        assertEquals(closedForm + reverse, unit.psi(), 0.05);
        assertEquals(mean2 - mean1, unit.meanShift(), 0.01);
        assertEquals(std2 - std1, unit.stdShift(), 0.01);
    }

    /** P(from < X < to) for X ~ N(mean, std), by Simpson's rule on the density. */
    private static double probability(double from, double to, double mean, double std) {
        double a = Math.max(from, mean - 12 * std);
        double b = Math.min(to, mean + 12 * std);
        if (b <= a) {
            return 0;
        }
        int steps = 2000;
        double h = (b - a) / steps;
        double sum = density(a, mean, std) + density(b, mean, std);
        for (int step = 1; step < steps; step++) {
            sum += density(a + step * h, mean, std) * (step % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    private static double density(double x, double mean, double std) {
        double z = (x - mean) / std;
        return Math.exp(-0.5 * z * z) / (std * Math.sqrt(2 * Math.PI));
    }

    /** A layer of (examples, steps, units), random, with one unit dead in the first set only. */
    private static INDArray sequenceLayer(Random random, int examples, int steps, int units, double offset, boolean firstSet) {
        float[] values = new float[examples * steps * units];
        for (int index = 0; index < values.length; index++) {
            int unit = index % units;
            double value = offset + random.nextGaussian() * (1 + unit);
            if (unit == 2) {
                value = firstSet ? 0 : Math.max(0, value);   // dead, then alive
            }
            if (unit == 3) {
                value = Math.round(value);                  // many values on bin edges
            }
            values[index] = (float) value;
        }
        return Nd4j.create(values, new long[] {examples, steps, units}, 'c');
    }

    @Test
    void everyUnitMatchesADirectComputationOnTheFullArrays() {
        Random random = new Random(9);
        INDArray first = sequenceLayer(random, 150, 7, 5, 0, true);
        INDArray second = sequenceLayer(random, 90, 7, 5, 0.7, false);
        int bins = 12;
        DataSetShift shift = shiftInBatches(first, second, bins, 32, 17);
        assertEquals(150, shift.firstExamples());
        assertEquals(90, shift.secondExamples());
        LayerShift layer = shift.layers().get(0);
        float[] a = first.data().asFloat();
        float[] b = second.data().asFloat();
        double klTotal = 0;
        double psiTotal = 0;
        for (int unit = 0; unit < 5; unit++) {
            // directly: the unit's values, the first set's min and max, counts by the documented rule
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int index = unit; index < a.length; index += 5) {
                low = Math.min(low, a[index]);
                high = Math.max(high, a[index]);
            }
            long[] countsA = directCounts(a, unit, low, high, bins);
            long[] countsB = directCounts(b, unit, low, high, bins);
            double kl = 0;
            double psi = 0;
            for (int bin = 0; bin < bins + 2; bin++) {
                double p = Math.max(countsA[bin] / (a.length / 5.0), 1e-4);
                double q = Math.max(countsB[bin] / (b.length / 5.0), 1e-4);
                kl += p * Math.log(p / q);
                psi += (q - p) * Math.log(q / p);
            }
            UnitShift result = layer.units().get(unit);
            assertEquals(kl, result.kl(), 1e-12, "kl of unit " + unit);
            assertEquals(psi, result.psi(), 1e-12, "psi of unit " + unit);
            assertEquals(mean(b, unit) - mean(a, unit), result.meanShift(), 1e-9, "mean shift of unit " + unit);
            assertEquals(std(b, unit) - std(a, unit), result.stdShift(), 1e-9, "std shift of unit " + unit);
            klTotal += kl;
            psiTotal += psi;
        }
        assertEquals(klTotal / 5, layer.meanKl(), 1e-12);
        assertEquals(psiTotal / 5, layer.meanPsi(), 1e-12);
        assertTrue(layer.units().get(2).deadInFirst());
        assertFalse(layer.units().get(2).deadInSecond());
        assertEquals(List.of(2), layer.deadInOneSetOnly().stream().map(UnitShift::unit).toList());
    }

    private static long[] directCounts(float[] values, int unit, double low, double high, int bins) {
        long[] counts = new long[bins + 2];
        for (int index = unit; index < values.length; index += 5) {
            double value = values[index];
            if (value < low) {
                counts[0]++;
            } else if (value > high) {
                counts[bins + 1]++;
            } else if (high == low) {
                counts[1]++;
            } else {
                counts[1 + Math.min((int) Math.floor((value - low) / (high - low) * bins), bins - 1)]++;
            }
        }
        return counts;
    }

    private static double mean(float[] values, int unit) {
        double sum = 0;
        int count = 0;
        for (int index = unit; index < values.length; index += 5) {
            sum += values[index];
            count++;
        }
        return sum / count;
    }

    private static double std(float[] values, int unit) {
        double mean = mean(values, unit);
        double sum = 0;
        int count = 0;
        for (int index = unit; index < values.length; index += 5) {
            sum += (values[index] - mean) * (values[index] - mean);
            count++;
        }
        return Math.sqrt(sum / count);
    }

    /** The whole pass, the sets fed in batches of the given sizes. */
    private static DataSetShift shiftInBatches(INDArray first, INDArray second, int bins, int batchFirst, int batchSecond) {
        ActivationShift shift = new ActivationShift(ranges(first, batchFirst), bins);
        rowBatches(first, batchFirst).forEach(part -> shift.addFirst(Map.of("layer", part)));
        rowBatches(second, batchSecond).forEach(part -> shift.addSecond(Map.of("layer", part)));
        return shift.result();
    }

    private static ActivationRanges ranges(INDArray first, int batch) {
        ActivationRanges ranges = new ActivationRanges();
        rowBatches(first, batch).forEach(part -> ranges.add(Map.of("layer", part)));
        return ranges;
    }

    private static List<INDArray> rowBatches(INDArray array, int batch) {
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < array.size(0); from += batch) {
            long to = Math.min(array.size(0), from + batch);
            parts.add(array.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).dup('c'));
        }
        return parts;
    }

    @Test
    void mergedPartitionsGiveExactlyTheResultOfOnePass() throws Exception {
        Random random = new Random(21);
        INDArray first = sequenceLayer(random, 120, 6, 5, 1000, true);   // far from 0: sums must stay exact
        INDArray second = sequenceLayer(random, 80, 6, 5, 1000.5, false);
        DataSetShift onePass = shiftInBatches(first, second, 8, 50, 50);

        // partitions of other sizes, their ranges merged first, then their shifts, in another order
        ActivationRanges ranges = ranges(first.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(70, 120)).dup(), 7);
        ranges.merge(ranges(first.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 70)).dup(), 13));
        ActivationShift left = new ActivationShift(ranges, 8);
        ActivationShift right = new ActivationShift(ranges, 8);
        List<INDArray> firstParts = rowBatches(first, 11);
        List<INDArray> secondParts = rowBatches(second, 9);
        for (int index = 0; index < firstParts.size(); index++) {
            (index % 3 == 0 ? left : right).addFirst(Map.of("layer", firstParts.get(index)));
        }
        for (int index = 0; index < secondParts.size(); index++) {
            (index % 2 == 0 ? left : right).addSecond(Map.of("layer", secondParts.get(index)));
        }
        ActivationShift travelled = roundTrip(right);
        travelled.merge(left);
        DataSetShift merged = travelled.result();

        assertEquals(onePass.firstExamples(), merged.firstExamples());
        assertEquals(onePass.secondExamples(), merged.secondExamples());
        List<UnitShift> expected = onePass.layers().get(0).units();
        List<UnitShift> actual = merged.layers().get(0).units();
        for (int unit = 0; unit < expected.size(); unit++) {
            UnitShift a = expected.get(unit);
            UnitShift b = actual.get(unit);
            assertEquals(a.kl(), b.kl());
            assertEquals(a.psi(), b.psi());
            assertEquals(a.meanFirst(), b.meanFirst());
            assertEquals(a.meanSecond(), b.meanSecond());
            assertEquals(a.stdFirst(), b.stdFirst());
            assertEquals(a.stdSecond(), b.stdSecond());
            assertEquals(java.util.Arrays.toString(a.countsFirst()), java.util.Arrays.toString(b.countsFirst()));
            assertEquals(java.util.Arrays.toString(a.countsSecond()), java.util.Arrays.toString(b.countsSecond()));
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void stateSizeDoesNotDependOnTheNumberOfExamples() throws IOException {
        Random random = new Random(4);
        INDArray small = sequenceLayer(random, 20, 6, 5, 0, false);
        INDArray large = sequenceLayer(random, 2000, 6, 5, 0, false);
        ActivationRanges smallRanges = ranges(small, 10);
        ActivationRanges largeRanges = ranges(large, 100);
        ActivationShift fewExamples = new ActivationShift(smallRanges, 10);
        ActivationShift manyExamples = new ActivationShift(largeRanges, 10);
        rowBatches(small, 10).forEach(part -> {
            fewExamples.addFirst(Map.of("layer", part));
            fewExamples.addSecond(Map.of("layer", part));
        });
        rowBatches(large, 100).forEach(part -> {
            manyExamples.addFirst(Map.of("layer", part));
            manyExamples.addSecond(Map.of("layer", part));
        });
        assertEquals(ExactSumTest.serializedSize(smallRanges), ExactSumTest.serializedSize(largeRanges));
        assertEquals(ExactSumTest.serializedSize(fewExamples), ExactSumTest.serializedSize(manyExamples));
    }
}
