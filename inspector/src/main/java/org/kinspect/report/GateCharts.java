package org.kinspect.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;
import org.kinspect.gates.GateStatistics;
import org.kinspect.gates.GateTraces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The charts of a recurrent layer's gate traces: for each trace a heatmap (units over time steps,
 * one example), for each direction one unit's gates, candidate and states over time on one chart,
 * and the saturation of the gate that decides what the state keeps (an LSTM's forget gate, a
 * GRU's update gate) per unit over the whole batch.
 *
 * <pre>{@code
 * List<ReportImage> images = GateCharts.draw(model.gates(inputs, "lstm_1"), "LSTM", "lstm_1", 0, null, folder);
 * }</pre>
 */
public final class GateCharts {

    private GateCharts() {}

    /**
     * @param traces the layer's traces
     * @param className the layer's Keras class ({@code LSTM}, {@code Bidirectional})
     * @param stem the layer's file name stem
     * @param example the example the heatmaps and the unit chart show
     * @param unit the unit whose gates are drawn over time; null for the one whose h varies most
     * @param folder where to write the PNGs
     * @return the images written
     * @throws KinspectException when the example or unit is not in the traces
     */
    public static List<ReportImage> draw(GateTraces traces, String className, String stem, int example, Integer unit,
            Path folder) {
        List<ReportImage> images = new ArrayList<>();
        for (String direction : traces.directions()) {
            INDArray h = traces.trace(direction + "h");
            long batch = h.size(0);
            int units = (int) h.size(2);
            if (example >= batch) {
                throw KinspectException.input("example " + example + " is not in the batch of " + batch);
            }
            if (unit != null && (unit < 0 || unit >= units)) {
                throw KinspectException.input("unit " + unit + " is not in layer '" + traces.layer() + "': it has "
                        + units + " units (0 to " + (units - 1) + ")");
            }
            String layer = traces.layer() + (direction.isEmpty() ? "" : " " + direction.substring(0, direction.length() - 1));
            List<String> notes = List.of("example " + example + " of " + batch);
            Map<String, double[][]> byUnit = new LinkedHashMap<>();
            traces.traces().forEach((name, trace) -> {
                if (name.startsWith(direction) && GateTraces.bareName(name).equals(name.substring(direction.length()))) {
                    byUnit.put(name.substring(direction.length()), unitsBySteps(trace, example));
                }
            });
            int shown = unit != null ? unit : UnitTraceChart.mostVarying(byUnit.get("h"), 1).get(0);
            Map<String, double[]> overTime = new LinkedHashMap<>();
            byUnit.forEach((name, values) -> overTime.put(name, values[shown]));
            images.add(GateUnitChart.create(layer, traces.cell(), shown, overTime, List.of("example " + example + " of "
                    + batch + "; " + (unit != null ? "unit chosen by --units" : "the unit whose h varies most")))
                    .writePng(folder.resolve(LayerFileNames.gateFile(stem, direction + "unit-" + shown, "png")),
                            traces.layer(), layer + ": unit " + shown + "'s gates and states over time"));
            String keeper = traces.cell().equals("LSTM") ? "f" : traces.cell().equals("GRU") ? "z" : null;
            if (keeper != null) {
                double[][] fractions = GateStatistics.saturationByUnit(traces.trace(direction + keeper));
                images.add(GateSaturationChart.create(layer, traces.cell(), keeper, fractions,
                        List.of("over all " + batch + " examples and every step that ran"))
                        .writePng(folder.resolve(LayerFileNames.gateFile(stem, direction + keeper, "saturation", "png")),
                                traces.layer(), layer + ": " + GateNames.describe(keeper) + " saturation per unit"));
            }
            byUnit.forEach((name, values) -> images.add(SequenceHeatmapChart.create(layer + " " + name,
                    traces.cell(), values, SequenceAxes.RECURRENT, List.of(GateNames.describe(name), notes.get(0)))
                    .writePng(folder.resolve(LayerFileNames.gateFile(stem, direction + name, "heatmap", "png")),
                            traces.layer(), layer + ": " + GateNames.describe(name) + ", units over time")));
        }
        return images;
    }

    /** One example of a trace as {@code values[unit][step]}. */
    private static double[][] unitsBySteps(INDArray trace, int example) {
        INDArray steps = trace.slice(example).castTo(DataType.DOUBLE); // (time, units)
        int time = (int) steps.size(0);
        int units = (int) steps.size(1);
        double[][] values = new double[units][time];
        for (int t = 0; t < time; t++) {
            for (int u = 0; u < units; u++) {
                values[u][t] = steps.getDouble(t, u);
            }
        }
        return values;
    }
}
