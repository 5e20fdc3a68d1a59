package org.kinspect.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * The colours of every heatmap. Values of both signs get a diverging scale centred on zero (red
 * negative, white zero, blue positive, as in every chart of a report), so the sign reads at a
 * glance and equal magnitudes get equal strength. Values of one sign (ReLU, sigmoid, softmax
 * outputs) get a perceptually even dark-to-light scale over their range. NaN and infinities are
 * drawn black.
 *
 * <pre>{@code
 * HeatmapColours colours = HeatmapColours.forRange(-0.7, 0.9); // diverging, from -0.9 to 0.9
 * Paint paint = colours.getPaint(0.0);                        // white
 * }</pre>
 */
final class HeatmapColours implements PaintScale {
    /** Colour for values that are not finite; no scale colour is this dark. */
    static final Color NOT_FINITE = Color.BLACK;

    // ColorBrewer RdBu from low to high: red negative, white zero, blue positive, as the bar charts.
    private static final Color[] DIVERGING = {
        new Color(103, 0, 31), new Color(178, 24, 43), new Color(214, 96, 77), new Color(244, 165, 130),
        new Color(247, 247, 247),
        new Color(146, 197, 222), new Color(67, 147, 195), new Color(33, 102, 172), new Color(5, 48, 97)};
    // Viridis, sampled at nine points.
    private static final Color[] SEQUENTIAL = {
        new Color(68, 1, 84), new Color(71, 45, 123), new Color(59, 82, 139), new Color(44, 114, 142),
        new Color(33, 145, 140), new Color(40, 174, 128), new Color(94, 201, 98), new Color(173, 220, 48),
        new Color(253, 231, 37)};

    private final double lower;
    private final double upper;
    private final Color[] stops;

    private HeatmapColours(double lower, double upper, Color[] stops) {
        this.lower = lower;
        this.upper = upper;
        this.stops = stops;
    }

    /**
     * @param min the smallest value to draw (finite values only)
     * @param max the largest
     * @return a diverging scale symmetric about zero when min &lt; 0 &lt; max, else a sequential one
     */
    static HeatmapColours forRange(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new HeatmapColours(-1, 1, DIVERGING);
        }
        if (min < 0 && max > 0) {
            double extent = Math.max(-min, max);
            return new HeatmapColours(-extent, extent, DIVERGING);
        }
        if (max - min < 1e-12) {
            // A constant layer: widen the range so the scale and its legend can be drawn at all.
            double pad = Math.max(Math.abs(min) * 0.01, 1e-6);
            return new HeatmapColours(min - pad, max + pad, SEQUENTIAL);
        }
        return new HeatmapColours(min, max, SEQUENTIAL);
    }

    /**
     * @param values any values, NaN and infinities allowed
     * @return the scale for their finite range
     */
    static HeatmapColours forValues(double[][] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double value : row) {
                if (Double.isFinite(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        return forRange(min, max);
    }

    /** @return true when the scale is centred on zero */
    boolean diverging() {
        return stops == DIVERGING;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        if (!Double.isFinite(value)) {
            return NOT_FINITE;
        }
        double position = (Math.min(Math.max(value, lower), upper) - lower) / (upper - lower) * (stops.length - 1);
        int below = Math.min((int) Math.floor(position), stops.length - 2);
        double fraction = position - below;
        Color a = stops[below];
        Color b = stops[below + 1];
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * fraction),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * fraction),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * fraction));
    }
}
