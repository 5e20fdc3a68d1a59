package org.kinspect.report;

import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * For every unit, the fraction of steps at which a gate is closed (below 0.1) and open (above
 * 0.9), side by side: saturation. A forget gate open nearly always carries its cell state across
 * the whole sequence; one closed nearly always forgets at every step.
 *
 * <pre>{@code
 * double[][] fractions = GateStatistics.saturationByUnit(traces.trace("f"));
 * SizedChart chart = GateSaturationChart.create("lstm_1", "LSTM", "f", fractions, List.of("4 examples"));
 * }</pre>
 */
final class GateSaturationChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 420;

    private GateSaturationChart() {}

    /**
     * @param layer the Keras layer name (with its direction for a Bidirectional half)
     * @param cell the recurrent class
     * @param gate the gate's bare name ({@code f})
     * @param fractions {@code [closed, open][unit]}
     * @param notes lines to show under the title
     * @return the chart
     */
    static SizedChart create(String layer, String cell, String gate, double[][] fractions, List<String> notes) {
        XYSeries closed = new XYSeries("closed (< 0.1)");
        XYSeries open = new XYSeries("open (> 0.9)");
        int units = fractions[0].length;
        for (int unit = 0; unit < units; unit++) {
            closed.add(unit, fractions[0][unit]);
            open.add(unit, fractions[1][unit]);
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(closed);
        dataset.addSeries(open);
        dataset.setIntervalWidth(units <= 200 ? 0.8 : 1.0);
        ClusteredXYBarRenderer renderer = new ClusteredXYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        Paint[] paints = {ChartLook.NEGATIVE, ChartLook.POSITIVE};
        for (int series = 0; series < paints.length; series++) {
            renderer.setSeriesPaint(series, paints[series]);
        }
        NumberAxis unitAxis = ChartLook.axis("unit", true);
        unitAxis.setRange(-0.5, Math.max(units - 0.5, 0.5));
        NumberAxis fractionAxis = ChartLook.axis("fraction of steps", false);
        fractionAxis.setRange(0, 1.05);
        XYPlot plot = new XYPlot(dataset, unitAxis, fractionAxis, renderer);
        List<String> lines = new ArrayList<>(notes);
        lines.add(summary(fractions));
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, cell, GateNames.describe(gate) + " saturation"),
                lines, plot, true);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }

    /** @return e.g. "closed on most steps: 1 of 8 units; open on most steps: 3 of 8 units" */
    static String summary(double[][] fractions) {
        int units = fractions[0].length;
        int mostlyClosed = 0;
        int mostlyOpen = 0;
        for (int unit = 0; unit < units; unit++) {
            if (fractions[0][unit] > 0.5) mostlyClosed++;
            if (fractions[1][unit] > 0.5) mostlyOpen++;
        }
        return "closed on most steps: " + mostlyClosed + " of " + units + " units; open on most steps: " + mostlyOpen
                + " of " + units + " units";
    }
}
