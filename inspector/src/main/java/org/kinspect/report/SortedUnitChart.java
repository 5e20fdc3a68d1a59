package org.kinspect.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * Every unit's activation sorted from largest to smallest: how many units carry the signal, how
 * many are exactly zero (a shaded band), and for small layers which units they are (each bar is
 * labelled with its unit number).
 *
 * <pre>{@code
 * SizedChart chart = SortedUnitChart.create("dense_1", "Dense", values, List.of("example 0 of 4"));
 * }</pre>
 */
final class SortedUnitChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 460;
    /** Up to this many units each bar is labelled with its unit number. */
    static final int MAX_LABELLED_UNITS = 48;

    private SortedUnitChart() {}

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param values one value per unit, in unit order
     * @param notes lines to show under the title
     * @return the chart
     */
    static SizedChart create(String layer, String className, double[] values, List<String> notes) {
        // Largest first; NaN last, where it does not hide the ordering of the rest.
        List<Integer> order = IntStream.range(0, values.length).boxed()
                .sorted(Comparator.comparingDouble((Integer unit) -> Double.isNaN(values[unit])
                        ? Double.POSITIVE_INFINITY : -values[unit]))
                .toList();
        double[] sorted = order.stream().mapToDouble(unit -> values[unit]).toArray();
        UnitBars bars = UnitBars.of(sorted);

        ValueAxis rankAxis;
        if (values.length <= MAX_LABELLED_UNITS) {
            String[] labels = order.stream().map(String::valueOf).toArray(String[]::new);
            SymbolAxis units = new SymbolAxis("unit (sorted by activation)", labels);
            units.setGridBandsVisible(false);
            ChartLook.style(units);
            rankAxis = units;
        } else {
            rankAxis = ChartLook.axis("rank (units sorted by activation, largest first)", true);
        }
        rankAxis.setRange(-0.5, Math.max(values.length - 0.5, 0.5));
        NumberAxis valueAxis = ChartLook.axis("activation", false);
        valueAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(rankAxis);
        plot.setRangeAxis(valueAxis);
        bars.drawIn(plot);

        int zeros = UnitBarChart.zeroCount(values);
        if (zeros > 0) {
            int first = 0;
            while (sorted[first] != 0) first++; // the zeros are contiguous once sorted
            IntervalMarker band = new IntervalMarker(first - 0.5, first + zeros - 0.5, new Color(255, 200, 120, 90));
            band.setLabel(zeros + " exactly 0");
            band.setLabelFont(ChartLook.NOTE);
            band.setLabelAnchor(RectangleAnchor.TOP);
            band.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            band.setLabelOffset(new RectangleInsets(6, 0, 0, 0));
            band.setLabelBackgroundColor(new Color(0, 0, 0, 0));
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
        List<String> lines = new ArrayList<>(notes);
        lines.add(values.length + " units; " + zeros + " exactly 0");
        if (bars.grouped()) lines.add(bars.groupingNote().replace("neighbouring units", "units next in order"));
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, "units sorted by activation"),
                lines, plot, false);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }
}
