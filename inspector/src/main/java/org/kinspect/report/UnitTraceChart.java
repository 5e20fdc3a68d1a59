package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Chosen units of a sequence as lines over time, one colour per unit: how each unit responds as
 * the input unfolds. At most {@value #MAX_LINES} lines, beyond which no one can tell them apart.
 *
 * <pre>{@code
 * SizedChart chart = UnitTraceChart.create("lstm_1", "LSTM", unitsBySteps, List.of(0, 3, 7),
 *         SequenceAxes.RECURRENT, List.of("example 0 of 4; units chosen by --units"));
 * }</pre>
 */
final class UnitTraceChart {
    static final int MAX_LINES = 10;
    static final int WIDTH = 1000;
    static final int HEIGHT = 480;
    /** Up to this many steps each value is also drawn as a dot, so single steps can be counted. */
    private static final int MAX_STEPS_WITH_DOTS = 60;

    private UnitTraceChart() {}

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param values {@code values[row][step]}
     * @param rows the rows to draw, at most {@value #MAX_LINES}
     * @param axes what rows and columns are
     * @param notes lines to show under the title (which units, and why)
     * @return the chart
     */
    static SizedChart create(String layer, String className, double[][] values, List<Integer> rows,
            SequenceAxes axes, List<String> notes) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (int row : rows.subList(0, Math.min(rows.size(), MAX_LINES))) {
            XYSeries series = new XYSeries(axes.row() + " " + row, false, true);
            for (int step = 0; step < values[row].length; step++) {
                series.add(step, values[row][step]);
            }
            dataset.addSeries(series);
        }
        int steps = values.length == 0 ? 0 : values[0].length;
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, steps <= MAX_STEPS_WITH_DOTS);
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            renderer.setSeriesPaint(series, ChartLook.SERIES[series % ChartLook.SERIES.length]);
            renderer.setSeriesStroke(series, new BasicStroke(2f));
            renderer.setSeriesShape(series, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        NumberAxis stepAxis = ChartLook.axis(axes.column(), true);
        stepAxis.setRange(-0.5, Math.max(steps - 0.5, 0.5));
        NumberAxis valueAxis = ChartLook.axis("activation", false);
        XYPlot plot = new XYPlot(dataset, stepAxis, valueAxis, renderer);
        List<String> lines = new ArrayList<>(notes);
        if (rows.size() > MAX_LINES) {
            lines.add("showing the first " + MAX_LINES + " of the " + rows.size() + " " + axes.rows() + " asked for");
        }
        String what = axes.rows() + " over " + axes.columns();
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, what), lines, plot, true);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }

    /**
     * @param values {@code values[row][step]}
     * @param count how many rows
     * @return the rows whose values vary most over the steps (largest variance), most varying first
     */
    static List<Integer> mostVarying(double[][] values, int count) {
        List<Integer> rows = new ArrayList<>();
        double[] variance = new double[values.length];
        for (int row = 0; row < values.length; row++) {
            rows.add(row);
            double mean = 0;
            for (double value : values[row]) mean += value;
            mean /= Math.max(1, values[row].length);
            double squares = 0;
            for (double value : values[row]) squares += (value - mean) * (value - mean);
            // NaN would break the ordering; a unit that is NaN is shown by the heatmap instead.
            variance[row] = Double.isNaN(squares) ? -1 : squares;
        }
        // A stable sort: among equal variances the lower unit comes first, so the choice is repeatable.
        rows.sort(Comparator.comparingDouble((Integer row) -> variance[row]).reversed());
        return List.copyOf(rows.subList(0, Math.min(count, rows.size())));
    }
}
