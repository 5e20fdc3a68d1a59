package org.kinspect.gates;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One trace summed up over the batch and every step that ran (masked steps, NaN, left out): its
 * range and mean, and for a gate how often it is saturated: closed (below {@value #CLOSED}) or open
 * (above {@value #OPEN}). A forget gate closed most of the time forgets at every step; one open
 * most of the time carries its cell state a long way.
 *
 * <pre>{@code
 * for (GateStatistics stats : GateStatistics.of(model.gates(inputs, "lstm_1"))) {
 *     System.out.println(stats.trace() + " open " + stats.openFraction());
 * }
 * }</pre>
 *
 * @param trace the trace's name ({@code f}, {@code backward_c}...)
 * @param gate whether it is a gate (i, f, o, z, r), for which the saturation fractions are given
 * @param values how many values ran (masked steps not counted)
 * @param min the smallest value
 * @param mean the mean value
 * @param max the largest value
 * @param closedFraction the fraction of values below {@value #CLOSED}; NaN when not a gate
 * @param openFraction the fraction of values above {@value #OPEN}; NaN when not a gate
 */
public record GateStatistics(String trace, boolean gate, long values, double min, double mean, double max,
        double closedFraction, double openFraction) {
    /** A gate below this is closed. */
    public static final double CLOSED = 0.1;
    /** A gate above this is open. */
    public static final double OPEN = 0.9;

    /**
     * @param traces a layer's traces
     * @return each trace's statistics, in the traces' order
     */
    public static List<GateStatistics> of(GateTraces traces) {
        List<GateStatistics> all = new ArrayList<>();
        traces.traces().forEach((name, trace) -> all.add(of(name, trace)));
        return all;
    }

    /**
     * @param name the trace's name
     * @param trace (batch, time, units)
     * @return its statistics
     */
    public static GateStatistics of(String name, INDArray trace) {
        double[] data = trace.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        long count = 0;
        long closed = 0;
        long open = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : data) {
            if (Double.isNaN(value)) {
                continue; // a masked step: the cell did not run
            }
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (value < CLOSED) closed++;
            if (value > OPEN) open++;
        }
        boolean gate = GateTraces.isGate(name);
        double none = Double.NaN;
        return new GateStatistics(name, gate, count, count == 0 ? none : min, count == 0 ? none : sum / count,
                count == 0 ? none : max, gate && count > 0 ? (double) closed / count : none,
                gate && count > 0 ? (double) open / count : none);
    }

    /**
     * Per unit, the fractions of the steps that ran (over the whole batch) at which a gate is closed
     * and open: the saturation chart of a forget gate.
     *
     * @param trace a gate's trace, (batch, time, units)
     * @return {@code [closed, open][unit]}
     */
    public static double[][] saturationByUnit(INDArray trace) {
        int units = (int) trace.size(2);
        double[][] fractions = new double[2][units];
        INDArray values = trace.castTo(DataType.DOUBLE);
        for (int unit = 0; unit < units; unit++) {
            double[] data = values.get(NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.point(unit))
                    .dup('c').data().asDouble();
            long count = 0;
            long closed = 0;
            long open = 0;
            for (double value : data) {
                if (Double.isNaN(value)) continue;
                count++;
                if (value < CLOSED) closed++;
                if (value > OPEN) open++;
            }
            fractions[0][unit] = count == 0 ? Double.NaN : (double) closed / count;
            fractions[1][unit] = count == 0 ? Double.NaN : (double) open / count;
        }
        return fractions;
    }
}
