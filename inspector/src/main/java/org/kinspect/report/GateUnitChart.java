package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One unit of a recurrent cell over time: each of its gates, its candidate and its states as a
 * line, on one chart, so that what the gates do can be read against what the state does. The
 * states ({@code c}, {@code h}) are drawn thicker. A masked step leaves a gap in the gates.
 *
 * <pre>{@code
 * SizedChart chart = GateUnitChart.create("lstm_1", "LSTM", 3, Map.of("f", forgetOverTime, "c", cellOverTime),
 *         List.of("example 0 of 4"));
 * }</pre>
 */
final class GateUnitChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 500;
    private static final int MAX_STEPS_WITH_DOTS = 60;

    private GateUnitChart() {}

    /**
     * @param layer the Keras layer name (with its direction for a Bidirectional half)
     * @param cell the recurrent class
     * @param unit the unit shown
     * @param traces each trace's values over the steps, by bare name, in the order to draw
     * @param notes lines to show under the title
     * @return the chart
     */
    static SizedChart create(String layer, String cell, int unit, Map<String, double[]> traces, List<String> notes) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        int steps = 0;
        for (Map.Entry<String, double[]> trace : traces.entrySet()) {
            XYSeries series = new XYSeries(GateNames.describe(trace.getKey()), false, true);
            double[] values = trace.getValue();
            steps = Math.max(steps, values.length);
            for (int step = 0; step < values.length; step++) {
                series.add(step, values[step]); // NaN (a masked step) leaves a gap
            }
            dataset.addSeries(series);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, steps <= MAX_STEPS_WITH_DOTS);
        int index = 0;
        for (String name : traces.keySet()) {
            boolean state = name.equals("c") || name.equals("h");
            renderer.setSeriesPaint(index, ChartLook.SERIES[index % ChartLook.SERIES.length]);
            renderer.setSeriesStroke(index, state ? new BasicStroke(3.5f)
                    : new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
            renderer.setSeriesShape(index, new Ellipse2D.Double(-3, -3, 6, 6));
            index++;
        }
        NumberAxis stepAxis = ChartLook.axis("time step", true);
        stepAxis.setRange(-0.5, Math.max(steps - 0.5, 0.5));
        NumberAxis valueAxis = ChartLook.axis("value", false);
        XYPlot plot = new XYPlot(dataset, stepAxis, valueAxis, renderer);
        List<String> lines = new ArrayList<>(notes);
        lines.add("dashed: gates and candidate; thick: the states");
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, cell, "unit " + unit + " inside the cell over time"),
                lines, plot, true);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }
}
