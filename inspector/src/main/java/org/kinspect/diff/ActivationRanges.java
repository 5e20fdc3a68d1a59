package org.kinspect.diff;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each unit's smallest and largest finite value over a data set, layer by layer: the first pass
 * of {@link ActivationShift}, whose histogram bins span these ranges of the first data set.
 * Mergeable (min and max combine exactly) and {@link Serializable}, like the shift itself.
 *
 * <pre>{@code
 * ActivationRanges ranges = new ActivationRanges();
 * for (Map<String, INDArray> batch : firstSet) {
 *     ranges.add(channelsLastOutputs(batch));   // each (batch, positions..., units)
 * }
 * ActivationShift shift = new ActivationShift(ranges, 10);
 * }</pre>
 */
public final class ActivationRanges implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, double[]> minima = new LinkedHashMap<>();
    private final LinkedHashMap<String, double[]> maxima = new LinkedHashMap<>();
    private long examples;

    /**
     * @param outputs one batch's output of each layer, keyed by layer name, as
     *     {@code (batch, positions..., units)}: units last (see {@code units.UnitAxis})
     * @throws IllegalArgumentException when a layer's number of units changes
     */
    public void add(Map<String, INDArray> outputs) {
        long rows = 0;
        for (Map.Entry<String, INDArray> layer : outputs.entrySet()) {
            INDArray output = layer.getValue();
            int units = Math.toIntExact(output.size(output.rank() - 1));
            double[] low = minima.computeIfAbsent(layer.getKey(), name -> filled(units, Double.POSITIVE_INFINITY));
            double[] high = maxima.computeIfAbsent(layer.getKey(), name -> filled(units, Double.NEGATIVE_INFINITY));
            if (low.length != units) {
                throw new IllegalArgumentException("layer '" + layer.getKey() + "' has " + units + " units after " + low.length);
            }
            float[] values = LayerValues.of(output);
            for (int index = 0, unit = 0; index < values.length; index++) {
                float value = values[index];
                if (Float.isFinite(value)) {
                    if (value < low[unit]) low[unit] = value;
                    if (value > high[unit]) high[unit] = value;
                }
                if (++unit == units) unit = 0;
            }
            rows = LayerValues.rows(output);
        }
        examples += rows;
    }

    private static double[] filled(int units, double value) {
        double[] array = new double[units];
        Arrays.fill(array, value);
        return array;
    }

    /**
     * @param other ranges over other examples, to widen these to; it is unchanged
     */
    public void merge(ActivationRanges other) {
        for (Map.Entry<String, double[]> layer : other.minima.entrySet()) {
            double[] otherLow = layer.getValue();
            double[] otherHigh = other.maxima.get(layer.getKey());
            double[] low = minima.computeIfAbsent(layer.getKey(), name -> filled(otherLow.length, Double.POSITIVE_INFINITY));
            double[] high = maxima.computeIfAbsent(layer.getKey(), name -> filled(otherLow.length, Double.NEGATIVE_INFINITY));
            if (low.length != otherLow.length) {
                throw new IllegalArgumentException("layer '" + layer.getKey() + "' has " + otherLow.length + " units there, "
                        + low.length + " here");
            }
            for (int unit = 0; unit < low.length; unit++) {
                low[unit] = Math.min(low[unit], otherLow[unit]);
                high[unit] = Math.max(high[unit], otherHigh[unit]);
            }
        }
        examples += other.examples;
    }

    /** @return the layers seen, in the order first seen */
    public List<String> layers() {
        return List.copyOf(minima.keySet());
    }

    /** @return how many examples were added */
    public long examples() {
        return examples;
    }

    /**
     * @param layer a layer seen
     * @return each unit's smallest finite value (+infinity for a unit with none)
     */
    public double[] minima(String layer) {
        return require(minima, layer).clone();
    }

    /**
     * @param layer a layer seen
     * @return each unit's largest finite value (-infinity for a unit with none)
     */
    public double[] maxima(String layer) {
        return require(maxima, layer).clone();
    }

    private static double[] require(Map<String, double[]> map, String layer) {
        double[] values = map.get(layer);
        if (values == null) {
            throw new IllegalArgumentException("no values of layer '" + layer + "' were added");
        }
        return values;
    }
}
