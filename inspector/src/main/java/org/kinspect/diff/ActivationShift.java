package org.kinspect.diff;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shift of every unit's values between two data sets, accumulated batch by batch in memory
 * that does not grow with the number of examples: per unit, per set, a histogram over bins fixed
 * from the first set's range, the count of values and of zeros, and exact sums for the mean and
 * standard deviation. {@link #result} turns them into KL divergence, PSI, mean and std shift per
 * unit ({@link UnitShift}).
 *
 * <p><b>The bins.</b> For each unit, {@code bins} equal bins over {@code [min, max]} of its finite
 * values in the <em>first</em> set (an {@link ActivationRanges} pass before this one), value
 * {@code v} in bin {@code min(floor((v - min) / (max - min) * bins), bins - 1)}; one more bin below
 * {@code min} and one above {@code max} take the second set's values outside the first's range. A
 * unit with a single value in the first set has one bin. Proportions below {@link #EPSILON} count
 * as {@code EPSILON} in KL and PSI, so an empty bin gives a large but finite term and identical sets
 * give exactly 0.
 *
 * <p><b>Merging.</b> Two shifts made from the same ranges and bins, each fed part of the examples
 * of either set (partitions on other machines), {@link #merge merged}, give <em>exactly</em> the
 * result of one shift fed all of them, in any order and however they were split into batches:
 * counts add, and the sums are kept exactly ({@link ExactSum}) from each example's own partial
 * sums. It is {@link Serializable} to travel between machines; so are the ranges.
 *
 * <pre>{@code
 * ActivationRanges ranges = new ActivationRanges();
 * first.forEach(batch -> ranges.add(outputs(batch)));           // pass 1: the first set's ranges
 * ActivationShift shift = new ActivationShift(ranges, 10);
 * first.forEach(batch -> shift.addFirst(outputs(batch)));       // pass 2
 * second.forEach(batch -> shift.addSecond(outputs(batch)));     // pass 3
 * DataSetShift result = shift.result();
 * // outputs(batch): each layer's output, units last: (batch, positions..., units)
 * }</pre>
 */
public final class ActivationShift implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The least proportion a bin counts as in KL and PSI: 1 in 10,000 (a common PSI practice). */
    public static final double EPSILON = 1e-4;
    /** Bins per unit unless told otherwise. */
    public static final int DEFAULT_BINS = 10;

    private final int bins;
    private final LinkedHashMap<String, UnitHistograms> first = new LinkedHashMap<>();
    private final LinkedHashMap<String, UnitHistograms> second = new LinkedHashMap<>();
    private long firstExamples;
    private long secondExamples;

    /**
     * @param firstSetRanges each unit's range over the first set: where its bins lie
     * @param bins equal bins per unit over that range
     */
    public ActivationShift(ActivationRanges firstSetRanges, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins " + bins + " is not 1 or more");
        }
        this.bins = bins;
        for (String layer : firstSetRanges.layers()) {
            double[] low = firstSetRanges.minima(layer);
            double[] high = firstSetRanges.maxima(layer);
            first.put(layer, new UnitHistograms(low, high, bins));
            second.put(layer, new UnitHistograms(low, high, bins));
        }
    }

    /**
     * @param outputs one batch of the first set: each layer's output, keyed by layer name, as
     *     {@code (batch, positions..., units)}
     * @throws IllegalArgumentException when a layer is missing or has another number of units
     */
    public void addFirst(Map<String, INDArray> outputs) {
        firstExamples += add(first, outputs);
    }

    /**
     * @param outputs one batch of the second set, as for {@link #addFirst}
     * @throws IllegalArgumentException when a layer is missing or has another number of units
     */
    public void addSecond(Map<String, INDArray> outputs) {
        secondExamples += add(second, outputs);
    }

    private static long add(Map<String, UnitHistograms> histograms, Map<String, INDArray> outputs) {
        long rows = 0;
        for (Map.Entry<String, UnitHistograms> layer : histograms.entrySet()) {
            INDArray output = outputs.get(layer.getKey());
            if (output == null) {
                throw new IllegalArgumentException("no output of layer '" + layer.getKey() + "'");
            }
            long units = output.size(output.rank() - 1);
            if (units != layer.getValue().units()) {
                throw new IllegalArgumentException("layer '" + layer.getKey() + "' has " + units + " units, its ranges "
                        + layer.getValue().units());
            }
            rows = LayerValues.rows(output);
            layer.getValue().add(LayerValues.of(output), (int) rows);
        }
        return rows;
    }

    /**
     * Adds another shift's examples of both sets to this one's: the result is exactly that of one
     * shift fed all of them.
     *
     * @param other a shift made from the same ranges and bins; it is unchanged
     * @throws IllegalArgumentException when its layers or bins differ
     */
    public void merge(ActivationShift other) {
        if (!first.keySet().equals(other.first.keySet()) || bins != other.bins) {
            throw new IllegalArgumentException("cannot merge a shift of " + other.first.keySet() + " over " + other.bins
                    + " bins into one of " + first.keySet() + " over " + bins);
        }
        first.forEach((layer, histograms) -> histograms.merge(other.first.get(layer)));
        second.forEach((layer, histograms) -> histograms.merge(other.second.get(layer)));
        firstExamples += other.firstExamples;
        secondExamples += other.secondExamples;
    }

    /** @return how many examples of the first set were added */
    public long firstExamples() {
        return firstExamples;
    }

    /** @return how many examples of the second set were added */
    public long secondExamples() {
        return secondExamples;
    }

    /** @return the shift so far, layers in the order of the ranges */
    public DataSetShift result() {
        List<LayerShift> layers = new ArrayList<>();
        for (String layer : first.keySet()) {
            UnitHistograms a = first.get(layer);
            UnitHistograms b = second.get(layer);
            List<UnitShift> units = new ArrayList<>();
            double klTotal = 0;
            double psiTotal = 0;
            int counted = 0;
            for (int unit = 0; unit < a.units(); unit++) {
                long[] countsA = a.counts(unit);
                long[] countsB = b.counts(unit);
                double kl = Divergence.kl(countsA, countsB, EPSILON);
                double psi = Divergence.psi(countsA, countsB, EPSILON);
                if (!Double.isNaN(kl) && !Double.isNaN(psi)) {
                    klTotal += kl;
                    psiTotal += psi;
                    counted++;
                }
                units.add(new UnitShift(unit, kl, psi, a.mean(unit), b.mean(unit), a.std(unit), b.std(unit),
                        a.dead(unit), b.dead(unit), a.low(unit), a.high(unit), countsA, countsB));
            }
            layers.add(new LayerShift(layer, units, counted == 0 ? Double.NaN : klTotal / counted,
                    counted == 0 ? Double.NaN : psiTotal / counted));
        }
        return new DataSetShift(firstExamples, secondExamples, bins, EPSILON, layers);
    }
}
