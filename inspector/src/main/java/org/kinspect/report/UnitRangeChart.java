package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.YIntervalRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.kinspect.units.UnitStatistics;

/**
 * How every unit's activation is spread over a data set. Up to {@value #MAX_UNITS} units each get
 * a column: its mean (dot), mean ± std (box) and min to max (line), dead units marked. More units
 * than that would be a grey smear, so they get a histogram of their means instead.
 *
 * <pre>{@code
 * SizedChart chart = UnitRangeChart.create(survey, List.of("300 examples"));
 * }</pre>
 */
final class UnitRangeChart {
    static final int MAX_UNITS = 200;
    static final int WIDTH = 1000;
    static final int HEIGHT = 480;
    private static final Color BOX = new Color(49, 110, 170, 110);
    private static final Color RANGE = new Color(120, 120, 120);

    private UnitRangeChart() {}

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param units every unit's statistics, in unit order
     * @param notes lines to show under the title
     * @return the chart
     */
    static SizedChart create(String layer, String className, List<UnitStatistics> units, List<String> notes) {
        return units.size() <= MAX_UNITS ? columns(layer, className, units, notes) : histogram(layer, className, units, notes);
    }

    private static SizedChart columns(String layer, String className, List<UnitStatistics> units, List<String> notes) {
        XYIntervalSeries boxes = new XYIntervalSeries("mean \u00b1 std");
        YIntervalSeries ranges = new YIntervalSeries("min to max");
        XYSeries means = new XYSeries("mean");
        XYSeries dead = new XYSeries("dead (0 on every example)");
        for (UnitStatistics unit : units) {
            int x = unit.unit();
            if (unit.dead()) {
                dead.add(x, 0);
                continue;
            }
            if (!Double.isFinite(unit.mean())) {
                continue; // no finite value at all; the table says so
            }
            boxes.add(x, x - 0.3, x + 0.3, unit.mean(), unit.mean() - unit.std(), unit.mean() + unit.std());
            ranges.add(x, unit.mean(), unit.min(), unit.max());
            means.add(x, unit.mean());
        }
        NumberAxis unitAxis = ChartLook.axis("unit", true);
        unitAxis.setRange(-0.5, Math.max(units.size() - 0.5, 0.5));
        NumberAxis valueAxis = ChartLook.axis("activation", false);
        valueAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(unitAxis);
        plot.setRangeAxis(valueAxis);

        // Drawn back to front: range lines, boxes, mean dots, dead marks.
        plot.setDataset(0, collection(dead));
        XYLineAndShapeRenderer deadMarks = new XYLineAndShapeRenderer(false, true);
        deadMarks.setSeriesPaint(0, ChartLook.ZERO_MARK);
        deadMarks.setSeriesShape(0, new Rectangle2D.Double(-4, -4, 8, 8));
        deadMarks.setSeriesVisibleInLegend(0, dead.getItemCount() > 0);
        plot.setRenderer(0, deadMarks);

        plot.setDataset(1, collection(means));
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesPaint(0, ChartLook.SERIES[0]);
        double radius = units.size() <= 60 ? 3.5 : 2;
        dots.setSeriesShape(0, new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius));
        plot.setRenderer(1, dots);

        XYIntervalSeriesCollection boxData = new XYIntervalSeriesCollection();
        boxData.addSeries(boxes);
        plot.setDataset(2, boxData);
        XYBarRenderer boxRenderer = new XYBarRenderer();
        boxRenderer.setUseYInterval(true);
        boxRenderer.setBarPainter(new StandardXYBarPainter());
        boxRenderer.setShadowVisible(false);
        boxRenderer.setSeriesPaint(0, BOX);
        plot.setRenderer(2, boxRenderer);

        YIntervalSeriesCollection rangeData = new YIntervalSeriesCollection();
        rangeData.addSeries(ranges);
        plot.setDataset(3, rangeData);
        YIntervalRenderer rangeRenderer = new YIntervalRenderer();
        rangeRenderer.setSeriesPaint(0, RANGE);
        rangeRenderer.setSeriesStroke(0, new BasicStroke(1.2f));
        rangeRenderer.setSeriesShape(0, new Rectangle2D.Double(-3, -0.5, 6, 1));
        plot.setRenderer(3, rangeRenderer);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));

        List<String> lines = new ArrayList<>(notes);
        lines.add(units.size() + " units; " + dead.getItemCount() + " dead");
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, "activation of each unit over the data set"),
                lines, plot, true);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }

    private static SizedChart histogram(String layer, String className, List<UnitStatistics> units, List<String> notes) {
        double[] means = units.stream().filter(unit -> !unit.dead()).mapToDouble(UnitStatistics::mean)
                .filter(Double::isFinite).toArray();
        long dead = units.stream().filter(UnitStatistics::dead).count();
        HistogramDataset dataset = new HistogramDataset();
        if (means.length > 0) {
            double min = Arrays.stream(means).min().orElse(0);
            double max = Arrays.stream(means).max().orElse(0);
            boolean constant = max == min;
            int bins = constant ? 11 : (int) Math.max(10, Math.min(80, Math.ceil(Math.sqrt(means.length))));
            dataset.addSeries("unit means", means, bins, constant ? min - 0.5 : min, constant ? max + 0.5 : max);
        }
        XYBarRenderer renderer = new XYBarRenderer(0.05);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ChartLook.POSITIVE);
        NumberAxis meanAxis = ChartLook.axis("mean activation of a unit", false);
        NumberAxis countAxis = ChartLook.axis("number of units", true);
        countAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(dataset, meanAxis, countAxis, renderer);
        List<String> lines = new ArrayList<>(notes);
        lines.add(units.size() + " units; " + dead + " dead (not counted in the histogram)");
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, "distribution of the units' mean activations"),
                lines, plot, false);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }

    private static XYSeriesCollection collection(XYSeries series) {
        return new XYSeriesCollection(series);
    }
}
