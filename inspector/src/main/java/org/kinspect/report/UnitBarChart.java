package org.kinspect.report;

import java.awt.Shape;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Every unit's activation as a bar, in unit order, with the units that are exactly zero (dead
 * ReLUs) marked and counted: a Dense layer's output, or a recurrent layer's final state.
 *
 * <pre>{@code
 * SizedChart chart = UnitBarChart.create("dense_1", "Dense", "activation of each unit", values,
 *         List.of("example 0 of 4"));
 * }</pre>
 */
final class UnitBarChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 460;
    /** Beyond this many units single zero marks merge into a smear; the count alone is shown. */
    private static final int MAX_ZERO_MARKS = 400;

    private UnitBarChart() {}

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param what what the values are ("activation of each unit", "final state h")
     * @param values one value per unit
     * @param notes lines to show under the title
     * @return the chart
     */
    static SizedChart create(String layer, String className, String what, double[] values, List<String> notes) {
        UnitBars bars = UnitBars.of(values);
        NumberAxis unitAxis = ChartLook.axis("unit", true);
        unitAxis.setRange(-0.5, Math.max(values.length - 0.5, 0.5));
        NumberAxis valueAxis = ChartLook.axis("activation", false);
        valueAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(unitAxis);
        plot.setRangeAxis(valueAxis);
        bars.drawIn(plot);

        List<String> lines = new ArrayList<>(notes);
        int zeros = zeroCount(values);
        boolean marked = !bars.grouped() && zeros > 0 && values.length <= MAX_ZERO_MARKS;
        lines.add(values.length + " units; " + zeros + " exactly 0" + (marked ? " (marked \u25c6)" : ""));
        if (bars.grouped()) {
            lines.add(bars.groupingNote());
        }
        if (marked) {
            plot.setDataset(1, zeroMarks(values, zeros));
            XYLineAndShapeRenderer marks = new XYLineAndShapeRenderer(false, true);
            marks.setSeriesPaint(0, ChartLook.ZERO_MARK);
            marks.setSeriesShape(0, diamond(values.length <= 100 ? 5 : 3));
            plot.setRenderer(1, marks);
        }
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, what), lines, plot, false);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }

    static int zeroCount(double[] values) {
        int zeros = 0;
        for (double value : values) {
            if (value == 0) zeros++;
        }
        return zeros;
    }

    private static XYSeriesCollection zeroMarks(double[] values, int zeros) {
        XYSeries series = new XYSeries("exactly 0 (" + zeros + " of " + values.length + " units)");
        for (int unit = 0; unit < values.length; unit++) {
            if (values[unit] == 0) series.add(unit, 0);
        }
        return new XYSeriesCollection(series);
    }

    private static Shape diamond(double radius) {
        Path2D.Double shape = new Path2D.Double();
        shape.moveTo(0, -radius);
        shape.lineTo(radius, 0);
        shape.lineTo(0, radius);
        shape.lineTo(-radius, 0);
        shape.closePath();
        return shape;
    }
}
