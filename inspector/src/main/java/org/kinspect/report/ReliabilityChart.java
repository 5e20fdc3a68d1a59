package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.kinspect.eval.Calibration;

/**
 * A reliability diagram: for each bin of predictions, their mean probability against how often
 * the event happened, with the diagonal a calibrated model would follow. Each point is labelled
 * with how many predictions it stands for.
 *
 * <pre>{@code
 * SizedChart chart = ReliabilityChart.create("classes (Dense): calibration", calibration,
 *         "probability of the predicted class", "fraction right");
 * }</pre>
 */
final class ReliabilityChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 640;

    private ReliabilityChart() {}

    /**
     * @param title the chart's title
     * @param calibration the bins and scores
     * @param probability what the x axis is
     * @param frequency what the y axis is
     * @return the chart
     */
    static SizedChart create(String title, Calibration calibration, String probability, String frequency) {
        XYSeries points = new XYSeries("bins", false, true);
        for (Calibration.Bin bin : calibration.bins()) {
            if (bin.count() > 0) {
                points.add(bin.meanProbability(), bin.frequency());
            }
        }
        NumberAxis x = ChartLook.axis(probability, false);
        NumberAxis y = ChartLook.axis(frequency, false);
        x.setRange(0, 1);
        y.setRange(-0.02, 1.04);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, ChartLook.POSITIVE);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        XYPlot plot = new XYPlot(new XYSeriesCollection(points), x, y, renderer);
        plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f), Color.GRAY));
        for (Calibration.Bin bin : calibration.bins()) {
            if (bin.count() > 0) {
                // Above the point (below it near the top), kept inside the plot near its edges.
                boolean high = bin.frequency() > 0.94;
                boolean right = bin.meanProbability() > 0.93;
                boolean left = bin.meanProbability() < 0.07;
                XYTextAnnotation count = new XYTextAnnotation("n=" + bin.count(), bin.meanProbability(),
                        bin.frequency() + (high ? -0.03 : 0.03));
                count.setFont(ChartLook.TICK);
                count.setPaint(ChartLook.NOTE_COLOUR);
                count.setTextAnchor(high ? (right ? TextAnchor.TOP_RIGHT : left ? TextAnchor.TOP_LEFT : TextAnchor.TOP_CENTER)
                        : (right ? TextAnchor.BOTTOM_RIGHT : left ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_CENTER));
                plot.addAnnotation(count);
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "expected calibration error %.4f, largest gap %.4f; Brier %.4f, log loss %.4f",
                calibration.expectedError(), calibration.maximumError(), calibration.brier(), calibration.logLoss()));
        notes.add("dashed: a calibrated model; " + calibration.bins().size() + " bins of equal width");
        JFreeChart chart = ChartLook.chart(title, notes, plot, false);
        return new SizedChart(chart, WIDTH, HEIGHT);
    }
}
