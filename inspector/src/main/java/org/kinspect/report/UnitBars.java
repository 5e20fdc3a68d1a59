package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * One bar per unit from zero to its value, blue above zero and red below. More than
 * {@value #MAX_BARS} units are grouped, each bar reaching from zero to the group's largest and most
 * negative values, since bars thinner than a pixel would vanish.
 *
 * @param dataset the bars: the positive parts as series 0, the negative parts as series 1
 * @param unitsPerBar how many units each bar stands for
 */
record UnitBars(XYIntervalSeriesCollection dataset, int unitsPerBar) {
    /** About two pixels a bar on a 1000-pixel chart: thinner bars blur into grey. */
    static final int MAX_BARS = 400;

    /**
     * @param values one value per unit, in the order to draw them
     * @return the bars
     */
    static UnitBars of(double[] values) {
        int unitsPerBar = Math.max(1, (values.length + MAX_BARS - 1) / MAX_BARS);
        XYIntervalSeries positive = new XYIntervalSeries("positive");
        XYIntervalSeries negative = new XYIntervalSeries("negative");
        for (int start = 0; start < values.length; start += unitsPerBar) {
            int end = Math.min(values.length, start + unitsPerBar);
            double low = 0;
            double high = 0;
            for (int unit = start; unit < end; unit++) {
                low = Math.min(low, values[unit]);
                high = Math.max(high, values[unit]);
            }
            double centre = (start + end - 1) / 2.0;
            if (high > 0) positive.add(centre, start - 0.5, end - 0.5, high, 0, high);
            if (low < 0) negative.add(centre, start - 0.5, end - 0.5, low, low, 0);
        }
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        dataset.addSeries(positive);
        dataset.addSeries(negative);
        return new UnitBars(dataset, unitsPerBar);
    }

    /** @return true when a bar stands for several units */
    boolean grouped() {
        return unitsPerBar > 1;
    }

    /** @return a note for the chart when the bars are grouped, else null */
    String groupingNote() {
        return grouped() ? "downsampled: each bar reaches the extremes of " + unitsPerBar + " neighbouring units" : null;
    }

    /**
     * @param plot the plot to draw the bars in (as its first dataset), with a line at zero
     */
    void drawIn(XYPlot plot) {
        int bars = dataset.getItemCount(0) + dataset.getItemCount(1);
        XYBarRenderer renderer = new XYBarRenderer(bars <= 200 ? 0.15 : 0);
        renderer.setUseYInterval(true);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        // An outline in the bar's own colour keeps bars a pixel wide at least, however narrow.
        renderer.setDrawBarOutline(bars > 100);
        for (int series = 0; series < 2; series++) {
            Paint paint = series == 0 ? ChartLook.POSITIVE : ChartLook.NEGATIVE;
            renderer.setSeriesPaint(series, paint);
            renderer.setSeriesOutlinePaint(series, paint);
            renderer.setSeriesVisibleInLegend(series, false);
        }
        plot.setDataset(0, dataset);
        plot.setRenderer(0, renderer);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    }
}
