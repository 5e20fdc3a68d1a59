package org.kinspect.gates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-unit gate statistics over a whole data set, added up batch by batch so that memory does not
 * grow with the number of examples: for every gate trace and unit, its mean and how often it is
 * closed (below {@value GateStatistics#CLOSED}) or open (above {@value GateStatistics#OPEN}),
 * over every example and every step that ran (masked steps left out).
 *
 * <pre>{@code
 * GateSurvey survey = new GateSurvey();
 * for (Map<String, INDArray> batch : data) {
 *     survey.add(model.gates(batch, "lstm_1"));
 * }
 * GateSurvey.Unit forget = survey.units("f").get(3); // unit 3's forget gate
 * }</pre>
 */
public final class GateSurvey {
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private final Map<String, long[]> closed = new LinkedHashMap<>();
    private final Map<String, long[]> open = new LinkedHashMap<>();
    private String layer;
    private String cell;
    private long examples;

    /**
     * One unit of one gate over the data set.
     *
     * @param unit the unit's index
     * @param values how many values ran
     * @param mean their mean; NaN when none ran
     * @param closedFraction the fraction below {@value GateStatistics#CLOSED}
     * @param openFraction the fraction above {@value GateStatistics#OPEN}
     */
    public record Unit(int unit, long values, double mean, double closedFraction, double openFraction) {}

    /**
     * @param traces one batch's traces of the layer
     * @return this survey
     * @throws IllegalArgumentException when they are another layer's than the batches before
     */
    public GateSurvey add(GateTraces traces) {
        if (layer == null) {
            layer = traces.layer();
            cell = traces.cell();
        } else if (!layer.equals(traces.layer())) {
            throw new IllegalArgumentException("traces of " + traces.layer() + " added to a survey of " + layer);
        }
        traces.traces().forEach((name, trace) -> {
            if (GateTraces.isGate(name)) {
                accumulate(name, trace);
            }
        });
        examples += traces.traces().values().iterator().next().size(0);
        return this;
    }

    private void accumulate(String name, INDArray trace) {
        int units = (int) trace.size(2);
        long[] count = counts.computeIfAbsent(name, key -> new long[units]);
        double[] sum = sums.computeIfAbsent(name, key -> new double[units]);
        long[] below = closed.computeIfAbsent(name, key -> new long[units]);
        long[] above = open.computeIfAbsent(name, key -> new long[units]);
        double[] data = trace.castTo(DataType.DOUBLE).dup('c').data().asDouble(); // (batch, time, units) row-major
        for (int k = 0; k < data.length; k++) {
            double value = data[k];
            if (Double.isNaN(value)) {
                continue; // a masked step
            }
            int unit = k % units;
            count[unit]++;
            sum[unit] += value;
            if (value < GateStatistics.CLOSED) below[unit]++;
            if (value > GateStatistics.OPEN) above[unit]++;
        }
    }

    /** @return the layer surveyed; null before any batch */
    public String layer() {
        return layer;
    }

    /** @return its recurrent class ({@code LSTM}...); null before any batch */
    public String cell() {
        return cell;
    }

    /** @return how many examples were added */
    public long examples() {
        return examples;
    }

    /** @return the gates surveyed ({@code i}, {@code f}, {@code o}; {@code z}, {@code r}; prefixed for Bidirectional halves) */
    public List<String> gates() {
        return List.copyOf(counts.keySet());
    }

    /**
     * @param gate one of {@link #gates()}
     * @return each unit's statistics for it, in unit order
     */
    public List<Unit> units(String gate) {
        long[] count = counts.get(gate);
        if (count == null) {
            throw new IllegalArgumentException("no gate '" + gate + "' in the survey; it has " + gates());
        }
        List<Unit> units = new ArrayList<>();
        for (int unit = 0; unit < count.length; unit++) {
            long n = count[unit];
            units.add(new Unit(unit, n, n == 0 ? Double.NaN : sums.get(gate)[unit] / n,
                    n == 0 ? Double.NaN : (double) closed.get(gate)[unit] / n,
                    n == 0 ? Double.NaN : (double) open.get(gate)[unit] / n));
        }
        return units;
    }
}
