package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.kinspect.units.TopActivation;
import org.kinspect.units.UnitStatistics;

/**
 * One small panel per unit: the inputs of the examples that excite it most, drawn on top of each
 * other so what they share stands out. For a sequence each example is shifted so the step where
 * the unit peaks sits at 0 (only the {@value #HALF_WINDOW} steps either side are kept); each
 * feature has its colour, each example a thin line, and the mean over the examples a thick one.
 * A vector input (a Dense model's features) is drawn over its feature index instead.
 *
 * <pre>{@code
 * JFreeChart panel = TopExampleChart.panel(unit, inputsOfItsTopExamples, true);
 * }</pre>
 */
final class TopExampleChart {
    /** Steps kept either side of the peak. */
    static final int HALF_WINDOW = 30;
    /** More lines than this per example and the panel is only noise: the most varying features are kept. */
    static final int MAX_FEATURES = 3;
    private static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private TopExampleChart() {}

    /**
     * @param unit the unit and its top examples
     * @param inputs the input of each top example, in the same order: {@code [step][feature]} for a
     *     sequence, {@code [0][feature]} for a vector
     * @param sequence whether the inputs are sequences
     * @param alignAtPeak whether to shift each sequence so the unit's peak step is at 0 (the layer
     *     has the input's steps); else steps are drawn as they are
     * @return the panel
     */
    static JFreeChart panel(UnitStatistics unit, List<double[][]> inputs, boolean sequence, boolean alignAtPeak) {
        List<TopActivation> top = unit.top();
        int features = inputs.isEmpty() ? 0 : inputs.get(0)[0].length;
        XYSeriesCollection thin = new XYSeriesCollection();
        XYSeriesCollection thick = new XYSeriesCollection();
        List<Integer> shown;
        if (sequence) {
            int low = alignAtPeak ? -HALF_WINDOW : 0;
            int high = alignAtPeak ? HALF_WINDOW : Math.max(0, inputs.isEmpty() ? 0 : inputs.get(0).length - 1);
            double[][] sums = new double[high - low + 1][features];
            int[] counts = new int[high - low + 1];
            for (int example = 0; example < inputs.size(); example++) {
                double[][] input = inputs.get(example);
                long shift = alignAtPeak ? top.get(example).step() : 0;
                for (int step = 0; step < input.length; step++) {
                    long x = step - shift;
                    if (x < low || x > high) continue;
                    counts[(int) (x - low)]++;
                    for (int feature = 0; feature < features; feature++) {
                        sums[(int) (x - low)][feature] += input[step][feature];
                    }
                }
            }
            shown = mostVarying(sums, counts, features);
            for (int feature : shown) {
                XYSeries mean = new XYSeries(features == 1 ? "mean" : "feature " + feature + " (mean)", false, true);
                // Near the window's ends only a few shifted examples reach: their mean would be noise.
                int enough = Math.max(1, (inputs.size() + 1) / 2);
                for (int x = low; x <= high; x++) {
                    if (counts[x - low] >= enough) mean.add(x, sums[x - low][feature] / counts[x - low]);
                }
                thick.addSeries(mean);
                for (int example = 0; example < inputs.size(); example++) {
                    XYSeries line = new XYSeries("f" + feature + " e" + example, false, true);
                    double[][] input = inputs.get(example);
                    long shift = alignAtPeak ? top.get(example).step() : 0;
                    for (int step = 0; step < input.length; step++) {
                        long x = step - shift;
                        if (x >= low && x <= high) line.add(x, input[step][feature]);
                    }
                    thin.addSeries(line);
                }
            }
        } else {
            shown = List.of(0);
            XYSeries mean = new XYSeries("mean", false, true);
            for (int feature = 0; feature < features; feature++) {
                double sum = 0;
                for (double[][] input : inputs) sum += input[0][feature];
                mean.add(feature, sum / Math.max(1, inputs.size()));
            }
            thick.addSeries(mean);
            for (int example = 0; example < inputs.size(); example++) {
                XYSeries line = new XYSeries("e" + example, false, true);
                for (int feature = 0; feature < features; feature++) line.add(feature, inputs.get(example)[0][feature]);
                thin.addSeries(line);
            }
        }
        NumberAxis xAxis = ChartLook.axis(sequence ? (alignAtPeak ? "step from the peak" : "time step") : "input feature",
                true);
        NumberAxis yAxis = ChartLook.axis("input", false);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(xAxis);
        plot.setRangeAxis(yAxis);
        plot.setDataset(0, thick);
        plot.setRenderer(0, renderer(thick.getSeriesCount(), inputs.size(), shown, true));
        plot.setDataset(1, thin);
        plot.setRenderer(1, renderer(thin.getSeriesCount(), inputs.size(), shown, false));
        if (sequence && alignAtPeak) {
            plot.addDomainMarker(new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)));
        }
        JFreeChart chart = ChartLook.chart("", List.of(), plot, shown.size() > 1 || !sequence);
        chart.setTitle(new TextTitle(title(unit), PANEL_TITLE));
        return chart;
    }

    private static String title(UnitStatistics unit) {
        List<TopActivation> top = unit.top();
        if (top.isEmpty()) {
            return "unit " + unit.unit() + ": no example";
        }
        return String.format(Locale.ROOT, "unit %d: top %d, %.3g to %.3g%s", unit.unit(), top.size(),
                top.get(0).value(), top.get(top.size() - 1).value(), unit.dead() ? " (dead)" : "");
    }

    /** The features whose mean trace varies most over the window, at most {@value #MAX_FEATURES}, in feature order. */
    private static List<Integer> mostVarying(double[][] sums, int[] counts, int features) {
        double[] variance = new double[features];
        for (int feature = 0; feature < features; feature++) {
            double total = 0;
            double squares = 0;
            int n = 0;
            for (int x = 0; x < sums.length; x++) {
                if (counts[x] == 0) continue;
                double mean = sums[x][feature] / counts[x];
                total += mean;
                squares += mean * mean;
                n++;
            }
            variance[feature] = n == 0 ? 0 : squares / n - (total / n) * (total / n);
        }
        return IntStream.range(0, features).boxed()
                .sorted(Comparator.comparingDouble((Integer feature) -> -variance[feature]))
                .limit(MAX_FEATURES).sorted().toList();
    }

    /** Thick lines: one colour per feature; thin lines: the same colours, faint, one per example. */
    private static XYLineAndShapeRenderer renderer(int seriesCount, int examples, List<Integer> shown, boolean thick) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int series = 0; series < seriesCount; series++) {
            int featureSlot = thick ? series : series / Math.max(1, examples);
            Color colour = (Color) ChartLook.SERIES[featureSlot % ChartLook.SERIES.length];
            renderer.setSeriesPaint(series, thick ? colour
                    : new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 70));
            renderer.setSeriesStroke(series, new BasicStroke(thick ? 2.5f : 1f));
            renderer.setSeriesVisibleInLegend(series, thick);
        }
        return renderer;
    }
}
