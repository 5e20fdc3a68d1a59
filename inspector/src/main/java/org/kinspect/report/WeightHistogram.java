package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.statistics.HistogramDataset;

/**
 * How a weight tensor's values are spread: a histogram with a line at zero, and the count of
 * weights that are exactly zero (pruned or never trained).
 *
 * <pre>{@code
 * SizedChart chart = WeightHistogram.create("dense_1", "Dense", "kernel", new long[] {784, 128}, values);
 * }</pre>
 */
final class WeightHistogram {
    static final int WIDTH = 800;
    static final int HEIGHT = 440;

    private WeightHistogram() {}

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param weightName the Keras weight name
     * @param shape the tensor's Keras shape
     * @param values its values, in any order
     * @return the chart
     */
    static SizedChart create(String layer, String className, String weightName, long[] shape, double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int finite = 0;
        int zeros = 0;
        for (double value : values) {
            if (!Double.isFinite(value)) continue;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            finite++;
            if (value == 0) zeros++;
        }
        double[] finiteValues = Arrays.stream(values).filter(Double::isFinite).toArray();
        HistogramDataset dataset = new HistogramDataset();
        if (finite > 0) {
            // A constant tensor (zero biases) still needs bins of some width, its value in the middle one.
            boolean constant = max == min;
            double low = constant ? min - 0.5 : min;
            double high = constant ? max + 0.5 : max;
            int bins = constant ? 11 : (int) Math.max(10, Math.min(80, Math.ceil(Math.sqrt(finite))));
            dataset.addSeries(weightName, finiteValues, bins, low, high);
        }
        XYBarRenderer renderer = new XYBarRenderer(0.05);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ChartLook.POSITIVE);
        NumberAxis valueAxis = ChartLook.axis("weight value", false);
        NumberAxis countAxis = ChartLook.axis("number of weights", true);
        countAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(dataset, valueAxis, countAxis, renderer);
        if (finite > 0 && min <= 0 && max >= 0) {
            plot.addDomainMarker(new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1.2f)));
        }
        List<String> lines = new ArrayList<>();
        lines.add("shape " + Arrays.toString(shape) + ": " + values.length + " weights"
                + (finite > 0 ? String.format("; min %.3g, mean %.3g, max %.3g", min, sum / finite, max) : "")
                + "; " + zeros + " exactly 0"
                + (finite < values.length ? "; " + (values.length - finite) + " NaN or infinite, not drawn" : ""));
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, weightName + ": histogram"), lines, plot,
                false);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }
}
