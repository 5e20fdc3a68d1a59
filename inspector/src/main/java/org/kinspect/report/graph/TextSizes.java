package org.kinspect.report.graph;

/**
 * The sizes the drawing reserves for its text. The layout runs before any font is chosen (a
 * browser picks its own sans-serif), so widths are estimated generously from the character count:
 * a little space to spare is better than a label running out of its box.
 */
final class TextSizes {
    static final double NAME_FONT = 12;
    static final double DETAIL_FONT = 10;
    static final double LABEL_FONT = 9.5;
    static final double LINE_GAP = 3;
    static final double PADDING = 8;
    /** The glyph of a node's output: a sparkline, a feature map or a bar strip. */
    static final double GLYPH_WIDTH = 72;
    static final double GLYPH_HEIGHT = 26;

    private TextSizes() {}

    /** @return the width of {@code text} in a sans-serif font of that size, rounded up */
    static double width(String text, double fontSize) {
        return Math.ceil(text.length() * fontSize * 0.62);
    }
}
