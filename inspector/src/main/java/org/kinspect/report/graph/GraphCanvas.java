package org.kinspect.report.graph;

import java.util.List;

/**
 * What {@link GraphDrawing} draws on: SVG for the page and the {@code .svg} file, Java2D for the
 * {@code .png}, so that both show the same picture from one drawing routine. Colours are
 * {@code #rrggbb}.
 */
interface GraphCanvas {
    /** How a text line sits on its x. */
    enum Anchor { START, MIDDLE }

    void rectangle(double x, double y, double width, double height, double cornerRadius, String fill, String stroke,
            double strokeWidth, boolean dashed);

    void text(double x, double baseline, String text, double fontSize, boolean bold, String colour, Anchor anchor);

    void polyline(List<LaidOutGraph.Point> points, String stroke, double strokeWidth, boolean dashed);

    void polygon(List<LaidOutGraph.Point> points, String fill);

    /**
     * Starts one node's drawing: in SVG a group with a hover title and, when {@code link} is not
     * null, a link; a picture ignores both.
     */
    void beginNode(String id, String title, String link);

    void endNode();

    /** Starts one edge's drawing: in SVG a group with a hover title; a picture ignores it. */
    void beginEdge(String title);

    void endEdge();
}
