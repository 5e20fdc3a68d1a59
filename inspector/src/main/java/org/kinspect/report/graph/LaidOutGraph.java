package org.kinspect.report.graph;

import java.util.List;

/**
 * A model graph with every box, arrow and label placed, in pixels from the top-left corner.
 *
 * @param graph the graph laid out
 * @param nodes every node's box, in the graph's order
 * @param edges every edge's route, in the graph's order (an edge whose ends are not both nodes is left out)
 * @param groups every nested model's box
 * @param width the drawing's width
 * @param height the drawing's height
 */
public record LaidOutGraph(ModelGraph graph, List<NodeBox> nodes, List<EdgeRoute> edges, List<GroupBox> groups,
        double width, double height) {

    public LaidOutGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        groups = List.copyOf(groups);
    }

    /** A point of the drawing. */
    public record Point(double x, double y) {}

    /** A node's box. */
    public record NodeBox(GraphNode node, double x, double y, double width, double height) {}

    /** A nested model's box; its title sits in the top padding. */
    public record GroupBox(NestedGroup group, double x, double y, double width, double height) {}

    /**
     * An edge's route and where its label goes.
     *
     * @param edge the edge
     * @param points the route from the source's border to the target's border; the arrow head at the last point
     * @param labelAt the top-left corner of the label's box
     * @param labelWidth the width reserved for the label
     */
    public record EdgeRoute(GraphEdge edge, List<Point> points, Point labelAt, double labelWidth) {
        public EdgeRoute {
            points = List.copyOf(points);
        }
    }
}
