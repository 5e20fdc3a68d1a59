package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.kinspect.report.graph.GraphEdge;
import org.kinspect.report.graph.GraphLayout;
import org.kinspect.report.graph.GraphNode;
import org.kinspect.report.graph.ModelGraph;
import org.kinspect.report.png.PngFile;
import org.kinspect.safety.NativeLoading;

/**
 * What the first chart and the first graph layout of a process pay once, paid ahead on a thread of
 * its own: Java2D's fonts and rasteriser, JFreeChart's classes, ELK's layout algorithms (Java 5
 * class files, which only the launcher's static class-data-sharing archive holds). A command that
 * will write a report starts it before it starts ND4J and imports the model, which leave a core
 * free; {@link ReportWriter} waits for it before drawing, so nothing is set up twice at once.
 *
 * <p>It also draws a few hundred tiny shapes of the kinds charts are made of, so that the JVM
 * compiles Java2D's rasteriser before the report's charts need it ({@link #drawShapesAhead}), and
 * encodes a tall, narrow picture for the PNG encoder's row filter likewise ({@link #encodeAhead}); a
 * report that starts before these are done stops them.
 *
 * <pre>{@code
 * ReportWarmUp.start();                       // returns at once
 * InspectedModel model = InspectedModel.open(file);
 * ReportWriter.write(model, model.activations(x), ReportOptions.defaults(), folder); // fonts ready
 * }</pre>
 */
public final class ReportWarmUp {
    private static CompletableFuture<Void> warmUp;
    /** Set when the report starts drawing: what is drawn ahead stops. */
    private static final AtomicBoolean REPORT_STARTED = new AtomicBoolean();
    /**
     * Rounds of five shapes drawn ahead: Marlin's scan-line method is compiled after 300 calls with
     * some thousands of scan lines, or 600 calls (the launcher's compile thresholds, three times the
     * JVM's usual ones), and the interpreter asks about compiling only every 256 calls: so more than
     * 512 calls. Each shape costs CPU time, interpreted, so not many more.
     */
    private static final int SHAPES_AHEAD = 110;
    /**
     * Rows encoded ahead, {@value #COLUMNS_AHEAD} pixels each: the PNG row filter is compiled after
     * 512 calls with some thousands of pixels in all, as the rasteriser is.
     */
    private static final int ROWS_AHEAD = 600;
    private static final int COLUMNS_AHEAD = 16;

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
        REPORT_STARTED.set(true);
        CompletableFuture<Void> started;
        synchronized (ReportWarmUp.class) {
            started = warmUp;
        }
        if (started != null) {
            started.exceptionally(problem -> null).join();
        }
    }

    /**
     * A small line chart drawn to an image nobody sees, shapes and rows for the JIT, and a graph of
     * two layers laid out.
     */
    private static void drawOnce() {
        XYSeries series = new XYSeries("warm-up");
        series.add(0, 0);
        series.add(1, 1);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), ChartLook.axis("step", true),
                ChartLook.axis("value", false), new XYLineAndShapeRenderer(true, false));
        JFreeChart chart = ChartLook.chart("warm-up", List.of("a note"), plot, true);
        // The first chart loads Java2D's native libraries (AWT, fonts, fontconfig), which must not meet
        // the model's first BLAS set-up on another thread: NativeLoading says why.
        NativeLoading.loadingLibraries(() -> {
            BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = image.createGraphics();
            try {
                chart.draw(graphics, new Rectangle2D.Double(0, 0, 160, 120));
            } finally {
                graphics.dispose();
            }
        });
        drawShapesAhead();
        encodeAhead();
        GraphNode input = new GraphNode("input", "InputLayer", List.of(1L, 2L), 0, true, false, null, 0, 1, null);
        GraphNode dense = new GraphNode("dense", "Dense", List.of(1L, 2L), 6, false, true, null, 0, 1, null);
        GraphLayout.layOut(new ModelGraph("warm-up", List.of(input, dense),
                List.of(new GraphEdge("input", "dense", 0, List.of(1L, 2L), null)), List.of()), Set.of());
    }

    /**
     * The PNG encoder's row filter made ready to be compiled the same way: a tall, narrow picture
     * has as many rows as a few charts and almost no pixels.
     */
    private static void encodeAhead() {
        if (REPORT_STARTED.get()) {
            return;
        }
        try {
            PngFile.write(new BufferedImage(COLUMNS_AHEAD, ROWS_AHEAD, BufferedImage.TYPE_INT_RGB), OutputStream.nullOutputStream());
        } catch (IOException e) {
            // a stream to nowhere does not fail
        }
    }

    /**
     * Java2D's anti-aliasing rasteriser (Marlin) made ready to be compiled: a report's charts draw
     * a few hundred shapes, most of them dashed gridlines and outlines as tall as the plot, and
     * Marlin's scan-line loop runs them interpreted until it has been called some hundreds of times:
     * the first charts' gridlines cost most of the drawing. Here the same kinds of shape (dashed
     * 0.5 px lines, wide lines, circles, filled boxes) are drawn a few hundred times, tiny, into an
     * image nobody sees, which costs little even interpreted.
     */
    private static void drawShapesAhead() {
        // flat shapes: the rasteriser works through every scan line of a shape (eight a pixel row),
        // which is what costs here, and a few thousand in all are enough
        BufferedImage image = new BufferedImage(32, 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Stroke wide = new BasicStroke(2f);
            Line2D line = new Line2D.Double();
            Ellipse2D circle = new Ellipse2D.Double();
            for (int shape = 0; shape < SHAPES_AHEAD && !REPORT_STARTED.get(); shape++) {
                double offset = (shape % 7) * 0.37;
                graphics.setStroke(XYPlot.DEFAULT_GRIDLINE_STROKE);
                line.setLine(1 + offset, 1 + offset / 4, 31, 1 + offset / 4);
                graphics.draw(line);
                line.setLine(6 + offset, 0.5, 6 + offset, 3);
                graphics.draw(line);
                graphics.setStroke(wide);
                line.setLine(2, 2, 28, 2.5 - offset / 4);
                graphics.draw(line);
                circle.setFrame(10 + offset, 0.5, 2, 2);
                graphics.draw(circle);
                graphics.fill(new Rectangle2D.Double(20 + offset, 0.5, 5.5, 1.25));
            }
        } finally {
            graphics.dispose();
        }
    }
}
