package org.kinspect.report.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.kinspect.report.graph.GraphCanvas.Anchor;
import org.kinspect.report.graph.LaidOutGraph.Point;

/**
 * Draws a laid-out graph on a canvas: a legend on top, then the nested models' boxes, the edges
 * with their shapes (and the states they carry), then the nodes, each coloured by the chosen
 * statistic and holding a glyph of its output when the model was run.
 */
final class GraphDrawing {
    static final String INK = "#222222";
    static final String MUTED = "#666666";
    static final String DETAIL = "#3a3a3a";
    static final String EDGE = "#8a8a8a";
    static final String STATE = "#b03a2e";
    static final String NO_VALUE = "#eeeeee";
    private static final String INPUT_FILL = "#e8f0fe";
    private static final String PLAIN_FILL = "#ffffff";
    private static final String SHARED_STROKE = "#2e7d32";
    private static final String[] TRACE_COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c"};
    /** The colour scale of the statistic: light to strong orange, dark text stays readable on both ends. */
    private static final int[] LOW = {255, 245, 235};
    private static final int[] HIGH = {241, 105, 19};
    private static final int SCALE_STEPS = 10;
    private static final double LEGEND_WIDTH = 600;

    private final LaidOutGraph graph;
    private final Map<String, NodeActivity> activity;
    private final NodeStatistic statistic;
    private final double scaleMaximum;
    private final double top;

    /**
     * @param graph the laid-out graph
     * @param activity each node's glyph and statistic by node name; empty for the structure alone
     * @param statistic what colours the nodes; null for the structure alone
     */
    GraphDrawing(LaidOutGraph graph, Map<String, NodeActivity> activity, NodeStatistic statistic) {
        this.graph = graph;
        this.activity = activity;
        this.statistic = activity.isEmpty() ? null : statistic;
        double largest = activity.values().stream().mapToDouble(NodeActivity::statistic).filter(Double::isFinite)
                .max().orElse(0);
        this.scaleMaximum = this.statistic == null || this.statistic.fraction() ? 1 : largest;
        this.top = this.statistic == null ? 30 : 58;
    }

    double width() {
        return Math.max(graph.width(), LEGEND_WIDTH);
    }

    double height() {
        return graph.height() + top;
    }

    /** @param links a node name's link target, or null for none */
    void draw(GraphCanvas canvas, Function<String, String> links) {
        legend(canvas);
        SvgCanvas svg = canvas instanceof SvgCanvas found ? found : null;
        if (svg != null) svg.beginGroup("groups");
        for (LaidOutGraph.GroupBox box : graph.groups()) {
            canvas.rectangle(box.x(), top + box.y(), box.width(), box.height(), 8, "#f5f7fa", "#7b8a9a", 1.2, true);
            canvas.text(box.x() + 10, top + box.y() + 17, GraphLayout.groupTitle(box.group()), TextSizes.DETAIL_FONT + 1,
                    true, "#4a5a6a", Anchor.START);
        }
        if (svg != null) svg.endGroup();
        if (svg != null) svg.beginGroup("edges");
        graph.edges().forEach(route -> edge(canvas, route));
        if (svg != null) svg.endGroup();
        if (svg != null) svg.beginGroup("nodes");
        graph.nodes().forEach(box -> node(canvas, box, links.apply(box.node().name())));
        if (svg != null) svg.endGroup();
    }

    /** The key: only the marks this graph has (an input is always there), then the colour scale after a run. */
    private void legend(GraphCanvas canvas) {
        double x = 12;
        double y = 18;
        canvas.rectangle(x, y - 10, 14, 12, 3, INPUT_FILL, INK, 1, false);
        canvas.text(x + 19, y, "model input", TextSizes.DETAIL_FONT, false, MUTED, Anchor.START);
        x += 96;
        canvas.rectangle(x, y - 10, 14, 12, 3, PLAIN_FILL, INK, 1, false);
        canvas.rectangle(x - 2.5, y - 12.5, 19, 17, 5, null, INK, 1, false);
        canvas.text(x + 21, y, "model output", TextSizes.DETAIL_FONT, false, MUTED, Anchor.START);
        x += 100;
        if (graph.graph().nodes().stream().anyMatch(GraphNode::shared)) {
            canvas.rectangle(x, y - 10, 14, 12, 3, PLAIN_FILL, SHARED_STROKE, 1.6, true);
            canvas.text(x + 19, y, "call of a shared layer", TextSizes.DETAIL_FONT, false, MUTED, Anchor.START);
            x += 142;
        }
        if (graph.graph().edges().stream().anyMatch(edge -> edge.state() != null)) {
            canvas.polyline(List.of(new Point(x, y - 4), new Point(x + 20, y - 4)), STATE, 1.6, false);
            canvas.text(x + 25, y, "recurrent state (h, c)", TextSizes.DETAIL_FONT, false, MUTED, Anchor.START);
            x += 150;
        }
        if (!graph.groups().isEmpty()) {
            canvas.rectangle(x, y - 10, 14, 12, 3, "#f5f7fa", "#7b8a9a", 1.2, true);
            canvas.text(x + 19, y, "nested model", TextSizes.DETAIL_FONT, false, MUTED, Anchor.START);
        }
        if (statistic == null) {
            return;
        }
        double scaleY = 32;
        canvas.text(12, scaleY + 10, "colour: " + statistic.description(), TextSizes.DETAIL_FONT, true, INK, Anchor.START);
        double scaleX = 12 + TextSizes.width("colour: " + statistic.description(), TextSizes.DETAIL_FONT) + 10;
        for (int step = 0; step < SCALE_STEPS; step++) {
            canvas.rectangle(scaleX + step * 14, scaleY, 14, 12, 0, colour((step + 0.5) / SCALE_STEPS), null, 0, false);
        }
        canvas.rectangle(scaleX, scaleY, 14 * SCALE_STEPS, 12, 0, null, MUTED, 0.6, false);
        canvas.text(scaleX, scaleY + 22, "0", TextSizes.LABEL_FONT, false, MUTED, Anchor.MIDDLE);
        canvas.text(scaleX + 14 * SCALE_STEPS, scaleY + 22, format(scaleMaximum), TextSizes.LABEL_FONT, false, MUTED,
                Anchor.MIDDLE);
        double noValueX = scaleX + 14 * SCALE_STEPS + 24;
        canvas.rectangle(noValueX, scaleY, 14, 12, 0, NO_VALUE, MUTED, 0.6, false);
        canvas.text(noValueX + 19, scaleY + 10, "no value", TextSizes.DETAIL_FONT, false, MUTED, Anchor.START);
    }

    private void edge(GraphCanvas canvas, LaidOutGraph.EdgeRoute route) {
        List<Point> points = route.points().stream().map(point -> new Point(point.x(), top + point.y())).toList();
        if (points.size() < 2) {
            return;
        }
        boolean state = route.edge().state() != null;
        String colour = state ? STATE : EDGE;
        canvas.beginEdge(NodeText.edgeTitle(route.edge()));
        canvas.polyline(points, colour, state ? 1.6 : 1.1, false);
        canvas.polygon(arrowHead(points.get(points.size() - 2), points.get(points.size() - 1)), colour);
        double labelX = route.labelAt().x() + 2;
        double baseline = top + route.labelAt().y() + TextSizes.LABEL_FONT + 1;
        canvas.text(labelX, baseline, route.edge().label(), TextSizes.LABEL_FONT, state, state ? STATE : MUTED, Anchor.START);
        canvas.endEdge();
    }

    private static List<Point> arrowHead(Point from, Point to) {
        double dx = to.x() - from.x();
        double dy = to.y() - from.y();
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            return List.of(to, to, to);
        }
        double ux = dx / length;
        double uy = dy / length;
        double size = 7;
        double half = 3.5;
        return List.of(to, new Point(to.x() - size * ux + half * uy, to.y() - size * uy - half * ux),
                new Point(to.x() - size * ux - half * uy, to.y() - size * uy + half * ux));
    }

    private void node(GraphCanvas canvas, LaidOutGraph.NodeBox box, String link) {
        GraphNode node = box.node();
        NodeActivity shown = activity.get(node.name());
        String statisticLine = statistic == null ? null : statistic.description() + ": "
                + (shown == null || Double.isNaN(shown.statistic()) ? "no value" : format(shown.statistic()));
        canvas.beginNode("node-" + node.name(), NodeText.title(node, statisticLine), link);
        double x = box.x();
        double y = top + box.y();
        String fill = node.input() ? INPUT_FILL
                : statistic == null ? PLAIN_FILL
                : shown == null || Double.isNaN(shown.statistic()) ? NO_VALUE
                : colour(scaleMaximum > 0 ? shown.statistic() / scaleMaximum : 0);
        if (node.output()) {
            // a second border around a model output, as the legend shows it
            canvas.rectangle(x - 3, y - 3, box.width() + 6, box.height() + 6, 7, null, "#444444", 1, false);
        }
        canvas.rectangle(x, y, box.width(), box.height(), 5, fill, node.shared() ? SHARED_STROKE : "#444444",
                node.shared() ? 1.6 : 1, node.shared());
        double centre = x + box.width() / 2;
        double baseline = y + TextSizes.PADDING + TextSizes.NAME_FONT - 2;
        canvas.text(centre, baseline, node.name(), TextSizes.NAME_FONT, true, INK, Anchor.MIDDLE);
        baseline += TextSizes.DETAIL_FONT + TextSizes.LINE_GAP;
        // darker than the edges' labels: readable on the strongest colour of the scale too
        canvas.text(centre, baseline, NodeText.detail(node), TextSizes.DETAIL_FONT, false, DETAIL, Anchor.MIDDLE);
        baseline += TextSizes.DETAIL_FONT + TextSizes.LINE_GAP;
        canvas.text(centre, baseline, node.shapeText(), TextSizes.DETAIL_FONT, false, DETAIL, Anchor.MIDDLE);
        if (shown != null && shown.glyph() != null) {
            glyph(canvas, shown.glyph(), centre - TextSizes.GLYPH_WIDTH / 2, baseline + TextSizes.LINE_GAP + 2);
        }
        canvas.endNode();
    }

    private static void glyph(GraphCanvas canvas, NodeGlyph glyph, double x, double y) {
        canvas.rectangle(x, y, TextSizes.GLYPH_WIDTH, TextSizes.GLYPH_HEIGHT, 0, "#ffffff", "#cccccc", 0.6, false);
        if (glyph instanceof NodeGlyph.Bars bars) {
            bars(canvas, bars, x, y);
        } else if (glyph instanceof NodeGlyph.Sparkline sparkline) {
            sparkline(canvas, sparkline, x, y);
        } else if (glyph instanceof NodeGlyph.FeatureMap map) {
            featureMap(canvas, map, x, y);
        }
    }

    /** Positive bars up from the middle line in blue, negative ones down in red. */
    private static void bars(GraphCanvas canvas, NodeGlyph.Bars bars, double x, double y) {
        double width = TextSizes.GLYPH_WIDTH;
        double barWidth = width / bars.values().length;
        double middle = y + TextSizes.GLYPH_HEIGHT / 2;
        for (int bar = 0; bar < bars.values().length; bar++) {
            double value = bars.values()[bar];
            double barHeight = Math.abs(value) * (TextSizes.GLYPH_HEIGHT / 2 - 1);
            if (barHeight > 0) {
                canvas.rectangle(x + bar * barWidth, value >= 0 ? middle - barHeight : middle,
                        Math.max(barWidth - 0.4, 0.4), barHeight, 0, value >= 0 ? "#3b6ea8" : "#a83b3b", null, 0, false);
            }
        }
        canvas.polyline(List.of(new Point(x, middle), new Point(x + width, middle)), "#bbbbbb", 0.5, false);
    }

    private static void sparkline(GraphCanvas canvas, NodeGlyph.Sparkline sparkline, double x, double y) {
        double width = TextSizes.GLYPH_WIDTH;
        double height = TextSizes.GLYPH_HEIGHT;
        for (int trace = 0; trace < sparkline.traces().size(); trace++) {
            double[] values = sparkline.traces().get(trace);
            List<Point> points = new ArrayList<>();
            for (int step = 0; step < values.length; step++) {
                double at = values.length == 1 ? 0.5 : (double) step / (values.length - 1);
                points.add(new Point(x + 1 + at * (width - 2), y + height - 1 - values[step] * (height - 2)));
            }
            canvas.polyline(points, TRACE_COLOURS[trace % TRACE_COLOURS.length], 1, false);
        }
    }

    /** Square cells, white for 0 to black for the largest, centred in the glyph. */
    private static void featureMap(GraphCanvas canvas, NodeGlyph.FeatureMap map, double x, double y) {
        int rows = map.cells().length;
        int columns = rows == 0 ? 0 : map.cells()[0].length;
        if (rows == 0 || columns == 0) {
            return;
        }
        double cell = Math.min((TextSizes.GLYPH_WIDTH - 2) / columns, (TextSizes.GLYPH_HEIGHT - 2) / rows);
        double left = x + (TextSizes.GLYPH_WIDTH - cell * columns) / 2;
        double upper = y + (TextSizes.GLYPH_HEIGHT - cell * rows) / 2;
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                int grey = (int) Math.round(255 * (1 - map.cells()[row][column]));
                canvas.rectangle(left + column * cell, upper + row * cell, cell + 0.05, cell + 0.05, 0,
                        hexColour(grey, grey, grey), null, 0, false);
            }
        }
    }

    /** @param fraction 0 to 1 of the scale */
    static String colour(double fraction) {
        double t = Math.max(0, Math.min(1, fraction));
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            rgb[i] = (int) Math.round(LOW[i] + t * (HIGH[i] - LOW[i]));
        }
        return hexColour(rgb[0], rgb[1], rgb[2]);
    }

    /** @return {@code String.format("#%02x%02x%02x", red, green, blue)}, without a {@code Formatter} */
    static String hexColour(int red, int green, int blue) {
        return "#" + twoHexDigits(red) + twoHexDigits(green) + twoHexDigits(blue);
    }

    private static String twoHexDigits(int value) {
        String digits = Integer.toHexString(value);
        return digits.length() < 2 ? "0" + digits : digits;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, value != 0 && Math.abs(value) < 0.01 ? "%.2g" : "%.3g", value);
    }
}
