package org.kinspect.report;

import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.kinspect.units.UnitStatistics;

/**
 * For every unit, the fraction of examples on which it is exactly zero, with the dead units (zero
 * on every example) drawn in orange and listed under the title: the dead-unit list of a survey.
 *
 * <pre>{@code
 * SizedChart chart = ZeroFractionChart.create("dense_1", "Dense", survey.units(), List.of("300 examples"));
 * }</pre>
 */
final class ZeroFractionChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 420;
    /** Dead units listed by number under the title, up to this many. */
    static final int MAX_LISTED = 40;

    private ZeroFractionChart() {}

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param units every unit's statistics, in unit order
     * @param notes lines to show under the title
     * @return the chart
     */
    static SizedChart create(String layer, String className, List<UnitStatistics> units, List<String> notes) {
        XYSeries alive = new XYSeries("sometimes non-zero");
        XYSeries dead = new XYSeries("dead");
        List<Integer> deadUnits = new ArrayList<>();
        for (UnitStatistics unit : units) {
            if (unit.dead()) {
                dead.add(unit.unit(), 1.0);
                deadUnits.add(unit.unit());
            } else {
                alive.add(unit.unit(), unit.zeroFraction());
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(alive);
        dataset.addSeries(dead);
        dataset.setIntervalWidth(units.size() <= 200 ? 0.8 : 1.0);
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        Paint[] paints = {ChartLook.POSITIVE, ChartLook.ZERO_MARK};
        for (int series = 0; series < paints.length; series++) {
            renderer.setSeriesPaint(series, paints[series]);
            renderer.setSeriesOutlinePaint(series, paints[series]);
        }
        renderer.setDrawBarOutline(units.size() > 100); // keeps thin bars a pixel wide
        NumberAxis unitAxis = ChartLook.axis("unit", true);
        unitAxis.setRange(-0.5, Math.max(units.size() - 0.5, 0.5));
        NumberAxis fractionAxis = ChartLook.axis("fraction of examples where it is exactly 0", false);
        fractionAxis.setRange(0, 1.05);
        XYPlot plot = new XYPlot(dataset, unitAxis, fractionAxis, renderer);

        List<String> lines = new ArrayList<>(notes);
        lines.add(deadList(deadUnits, units.size()));
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, "dead units"), lines, plot, false);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }

    /** @return e.g. "dead units (0 on every example): 2 of 8: 3, 5" */
    static String deadList(List<Integer> deadUnits, int unitCount) {
        if (deadUnits.isEmpty()) {
            return "no dead units: each of the " + unitCount + " is non-zero on some example";
        }
        List<String> shown = deadUnits.stream().limit(MAX_LISTED).map(String::valueOf).toList();
        String more = deadUnits.size() > MAX_LISTED ? " and " + (deadUnits.size() - MAX_LISTED) + " more" : "";
        return "dead (0 on every example): " + deadUnits.size() + " of " + unitCount + " units: "
                + String.join(", ", shown) + more;
    }
}
