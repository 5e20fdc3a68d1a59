package org.kinspect.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The one look every report chart shares: a title naming the layer and its Keras class, grey notes
 * under it (which example, what was downsampled), plain white plots, readable fonts.
 */
final class ChartLook {
    static {
        // Charts are only ever drawn into images; without this AWT looks for a display and fails on servers.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font NOTE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color NOTE_COLOUR = new Color(90, 90, 90);
    static final Color GRID = new Color(225, 225, 225);
    static final Color POSITIVE = new Color(49, 110, 170);
    static final Color NEGATIVE = new Color(200, 70, 60);
    static final Color ZERO_MARK = new Color(230, 120, 0);
    /** Tableau 10: distinct lines that stay distinct in print. */
    static final Paint[] SERIES = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    private ChartLook() {}

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param what what the chart shows ("units over time")
     * @return {@code "lstm_1 (LSTM): units over time"}
     */
    static String title(String layer, String className, String what) {
        return layer + " (" + className + "): " + what;
    }

    /**
     * @param title from {@link #title}
     * @param notes lines shown small under the title; may be empty
     * @param plot the plot
     * @param legend whether to show the series legend
     * @return the styled chart
     */
    static JFreeChart chart(String title, List<String> notes, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 8));
        int position = 0; // before the legend, so notes come directly under the title
        for (String note : notes) {
            TextTitle line = new TextTitle(note, NOTE);
            line.setPaint(NOTE_COLOUR);
            line.setPosition(RectangleEdge.TOP);
            line.setHorizontalAlignment(HorizontalAlignment.CENTER);
            chart.addSubtitle(position++, line);
        }
        LegendTitle seriesLegend = chart.getLegend();
        if (seriesLegend != null) {
            seriesLegend.setItemFont(TICK);
            seriesLegend.setFrame(BlockBorder.NONE);
        }
        if (plot instanceof XYPlot xy) {
            xy.setBackgroundPaint(Color.WHITE);
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setOutlinePaint(Color.GRAY);
            xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
        }
        return chart;
    }

    /**
     * @param label the axis label, with its unit when it has one
     * @param integers whether only whole numbers (indices) make sense as ticks
     * @return a number axis in the shared fonts
     */
    static NumberAxis axis(String label, boolean integers) {
        NumberAxis axis = new NumberAxis(label);
        style(axis);
        if (integers) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** @param axis an axis to give the shared fonts */
    static void style(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(LABEL);
        axis.setTickLabelFont(TICK);
    }

    /**
     * @param colours the heatmap's scale
     * @param label what the colours mean ("activation")
     * @return a colour bar for the chart's right side
     */
    static PaintScaleLegend colourLegend(HeatmapColours colours, String label) {
        NumberAxis scaleAxis = axis(label, false);
        scaleAxis.setRange(colours.getLowerBound(), colours.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(colours, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(18);
        legend.setStripOutlineVisible(true);
        legend.setStripOutlinePaint(Color.GRAY);
        legend.setStripOutlineStroke(new BasicStroke(1f));
        legend.setSubdivisionCount(256);
        legend.setMargin(new RectangleInsets(4, 12, 4, 4));
        legend.setBackgroundPaint(Color.WHITE);
        return legend;
    }
}
