package org.kinspect.report.graph;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Draws as SVG text: one {@code <svg>} element that is both a standalone file and a part of the
 * report's page (no script, no stylesheet: attributes only, so it reads the same everywhere).
 */
final class SvgCanvas implements GraphCanvas {
    private static final String FONT = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif";
    private final StringBuilder svg = new StringBuilder(16_384);
    private boolean linked;

    /**
     * @param standalone true for a {@code .svg} file, which names the SVG namespace; an {@code <svg>}
     *     inside an HTML page needs none (and the page then names no web address at all)
     */
    SvgCanvas(double width, double height, String label, boolean standalone) {
        svg.append(standalone ? "<svg xmlns=\"http://www.w3.org/2000/svg\"" : "<svg").append(" class=\"model-graph\" width=\"").append(number(width))
                .append("\" height=\"").append(number(height)).append("\" viewBox=\"0 0 ").append(number(width))
                .append(' ').append(number(height)).append("\" role=\"img\" aria-label=\"").append(escape(label))
                .append("\" font-family=\"").append(FONT).append("\">\n");
    }

    @Override
    public void rectangle(double x, double y, double width, double height, double cornerRadius, String fill,
            String stroke, double strokeWidth, boolean dashed) {
        svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" width=\"")
                .append(number(width)).append("\" height=\"").append(number(height)).append('"');
        if (cornerRadius > 0) svg.append(" rx=\"").append(number(cornerRadius)).append('"');
        svg.append(" fill=\"").append(fill == null ? "none" : fill).append('"');
        if (stroke != null) {
            svg.append(" stroke=\"").append(stroke).append("\" stroke-width=\"").append(number(strokeWidth)).append('"');
            if (dashed) svg.append(" stroke-dasharray=\"5 3\"");
        }
        svg.append("/>\n");
    }

    @Override
    public void text(double x, double baseline, String text, double fontSize, boolean bold, String colour, Anchor anchor) {
        svg.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(baseline)).append("\" font-size=\"")
                .append(number(fontSize)).append("\" fill=\"").append(colour).append('"');
        if (bold) svg.append(" font-weight=\"bold\"");
        if (anchor == Anchor.MIDDLE) svg.append(" text-anchor=\"middle\"");
        svg.append('>').append(escape(text)).append("</text>\n");
    }

    @Override
    public void polyline(List<LaidOutGraph.Point> points, String stroke, double strokeWidth, boolean dashed) {
        svg.append("<polyline points=\"").append(points(points)).append("\" fill=\"none\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"").append(number(strokeWidth)).append('"');
        if (dashed) svg.append(" stroke-dasharray=\"4 3\"");
        svg.append("/>\n");
    }

    @Override
    public void polygon(List<LaidOutGraph.Point> points, String fill) {
        svg.append("<polygon points=\"").append(points(points)).append("\" fill=\"").append(fill).append("\"/>\n");
    }

    @Override
    public void beginNode(String id, String title, String link) {
        linked = link != null;
        if (linked) {
            svg.append("<a href=\"").append(escape(link)).append("\">\n");
        }
        svg.append("<g class=\"node\" id=\"").append(escape(id)).append("\"><title>").append(escape(title)).append("</title>\n");
    }

    @Override
    public void endNode() {
        svg.append("</g>\n");
        if (linked) {
            svg.append("</a>\n");
        }
    }

    @Override
    public void beginEdge(String title) {
        svg.append("<g class=\"edge\"><title>").append(escape(title)).append("</title>\n");
    }

    @Override
    public void endEdge() {
        svg.append("</g>\n");
    }

    /** Edges and groups are kept apart from nodes for readers (and tests) of the SVG. */
    void beginGroup(String className) {
        svg.append("<g class=\"").append(className).append("\">\n");
    }

    void endGroup() {
        svg.append("</g>\n");
    }

    String finish() {
        return svg + "</svg>\n";
    }

    private static String points(List<LaidOutGraph.Point> points) {
        return points.stream().map(point -> number(point.x()) + "," + number(point.y())).collect(Collectors.joining(" "));
    }

    /**
     * A coordinate as {@code String.format(Locale.ROOT, "%.1f", value)} writes it, whole numbers
     * without the decimal: the same half-up rounding of the shortest decimal that reads back as the
     * value, without a {@code Formatter} (a picture has hundreds of coordinates; parsing the format
     * string for each was most of the SVG's time).
     */
    static String number(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        if (!Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        String rounded = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
        // the formatter keeps the sign of a negative number that rounds to zero ("-0.0")
        return value < 0 && rounded.charAt(0) != '-' ? "-" + rounded : rounded;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
