package org.kinspect.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.kinspect.report.graph.GraphEdge;
import org.kinspect.report.graph.GraphLayout;
import org.kinspect.report.graph.GraphNode;
import org.kinspect.report.graph.ModelGraph;

/**
 * What the first chart and the first graph layout of a process pay once, paid ahead on a thread of
 * its own: Java2D's fonts and rasteriser, JFreeChart's classes, ELK's layout algorithms (Java 5
 * class files, which only the launcher's static class-data-sharing archive holds). A command that
 * will write a report starts it before it starts ND4J and imports the model, which leave a core
 * free; {@link ReportWriter} waits for it before drawing, so nothing is set up twice at once.
 *
 * <pre>{@code
 * ReportWarmUp.start();                       // returns at once
 * InspectedModel model = InspectedModel.open(file);
 * ReportWriter.write(model, model.activations(x), ReportOptions.defaults(), folder); // fonts ready
 * }</pre>
 */
public final class ReportWarmUp {
    private static CompletableFuture<Void> warmUp;

    private ReportWarmUp() {}

    /** Starts the warm-up, once per process; later calls do nothing. */
    public static synchronized void start() {
        if (warmUp == null) {
            warmUp = CompletableFuture.runAsync(ReportWarmUp::drawOnce, task -> {
                Thread thread = new Thread(task, "kinspect-report-warm-up");
                thread.setDaemon(true);
                thread.setPriority(Thread.MIN_PRIORITY);
                thread.start();
            });
        }
    }

    /**
     * Waits until a started warm-up is over. Whether it worked does not matter: a report that
     * cannot be drawn fails when it is drawn, saying why.
     */
    static void awaitDone() {
        CompletableFuture<Void> started;
        synchronized (ReportWarmUp.class) {
            started = warmUp;
        }
        if (started != null) {
            started.exceptionally(problem -> null).join();
        }
    }

    /** A small line chart drawn to an image nobody sees, and a graph of two layers laid out. */
    private static void drawOnce() {
        XYSeries series = new XYSeries("warm-up");
        series.add(0, 0);
        series.add(1, 1);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), ChartLook.axis("step", true),
                ChartLook.axis("value", false), new XYLineAndShapeRenderer(true, false));
        JFreeChart chart = ChartLook.chart("warm-up", List.of("a note"), plot, true);
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            chart.draw(graphics, new Rectangle2D.Double(0, 0, 160, 120));
        } finally {
            graphics.dispose();
        }
        GraphNode input = new GraphNode("input", "InputLayer", List.of(1L, 2L), 0, true, false, null, 0, 1, null);
        GraphNode dense = new GraphNode("dense", "Dense", List.of(1L, 2L), 6, false, true, null, 0, 1, null);
        GraphLayout.layOut(new ModelGraph("warm-up", List.of(input, dense),
                List.of(new GraphEdge("input", "dense", 0, List.of(1L, 2L), null)), List.of()), Set.of());
    }
}
