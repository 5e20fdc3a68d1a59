package org.kinspect.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * A fraction from 0 to 1 as a colour from white to a full colour: the shading of a confusion
 * matrix (blue) and of its error column (red). NaN (a class without examples) is light grey.
 *
 * <pre>{@code
 * PaintScale blues = FractionColours.of(ChartLook.POSITIVE);
 * }</pre>
 */
final class FractionColours implements PaintScale {
    static final Color NO_VALUE = new Color(235, 235, 235);
    private final Color full;

    private FractionColours(Color full) {
        this.full = full;
    }

    /** @param full the colour of 1 */
    static FractionColours of(Color full) {
        return new FractionColours(full);
    }

    @Override
    public double getLowerBound() {
        return 0;
    }

    @Override
    public double getUpperBound() {
        return 1;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return NO_VALUE;
        }
        double t = Math.min(1, Math.max(0, value));
        return new Color(
                (int) Math.round(255 + (full.getRed() - 255) * t),
                (int) Math.round(255 + (full.getGreen() - 255) * t),
                (int) Math.round(255 + (full.getBlue() - 255) * t));
    }

    /** @return whether text on this value's colour should be white to be read */
    static boolean dark(double value) {
        return !Double.isNaN(value) && value > 0.55;
    }
}
