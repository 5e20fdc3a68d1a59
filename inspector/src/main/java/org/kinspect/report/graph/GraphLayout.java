package org.kinspect.report.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.kinspect.errors.KinspectException;

/**
 * Places a {@link ModelGraph} top-down with the Eclipse Layout Kernel's layered algorithm
 * (Sugiyama: layers, crossing minimisation, node placement, edge routing), nested models as
 * boxes laid out together with the rest so that edges cross their borders cleanly, and room
 * kept on every edge for its label.
 *
 * <pre>{@code
 * LaidOutGraph laidOut = GraphLayout.layOut(ModelGraph.of(ModelInternals.spec(model), model.summary()), Set.of());
 * }</pre>
 */
public final class GraphLayout {
    private static final double GROUP_TITLE = 22;
    private static final double MARGIN = 12;

    static {
        // ELK finds its algorithms through Eclipse's plug-in registry; outside Eclipse they are registered by hand.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private GraphLayout() {}

    /**
     * @param graph the graph
     * @param withGlyphs the nodes whose boxes keep room for a glyph of their output
     * @return it laid out
     */
    public static LaidOutGraph layOut(ModelGraph graph, java.util.Set<String> withGlyphs) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 24.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 26.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 3.0);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(MARGIN));

        Map<String, ElkNode> groups = new HashMap<>();
        for (NestedGroup group : graph.groups()) {
            ElkNode parent = group.parent() == null ? root : groups.get(group.parent());
            ElkNode box = ElkGraphUtil.createNode(parent == null ? root : parent);
            box.setProperty(CoreOptions.PADDING, new ElkPadding(GROUP_TITLE + 6, 10, 10, 10));
            box.setProperty(CoreOptions.NODE_SIZE_MINIMUM, new org.eclipse.elk.core.math.KVector(
                    TextSizes.width(groupTitle(group), TextSizes.DETAIL_FONT) + 20, 0));
            box.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, java.util.EnumSet.of(
                    org.eclipse.elk.core.options.SizeConstraint.MINIMUM_SIZE));
            groups.put(group.name(), box);
        }
        Map<String, ElkNode> nodes = new HashMap<>();
        for (GraphNode node : graph.nodes()) {
            ElkNode parent = node.group() == null ? root : groups.getOrDefault(node.group(), root);
            ElkNode box = ElkGraphUtil.createNode(parent);
            boolean glyph = withGlyphs.contains(node.name());
            box.setDimensions(nodeWidth(node, glyph), nodeHeight(glyph));
            nodes.put(node.name(), box);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        List<GraphEdge> drawn = new ArrayList<>();
        for (GraphEdge edge : graph.edges()) {
            ElkNode from = nodes.get(edge.from());
            ElkNode to = nodes.get(edge.to());
            if (from == null || to == null) {
                continue;
            }
            ElkEdge elkEdge = ElkGraphUtil.createSimpleEdge(from, to);
            ElkGraphUtil.updateContainment(elkEdge);
            ElkLabel label = ElkGraphUtil.createLabel(edge.label(), elkEdge);
            label.setDimensions(TextSizes.width(edge.label(), TextSizes.LABEL_FONT) + 4, TextSizes.LABEL_FONT + 4);
            label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            elkEdges.add(elkEdge);
            drawn.add(edge);
        }
        try {
            new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        } catch (RuntimeException e) {
            throw KinspectException.internal("cannot lay out the graph of model '" + graph.modelName() + "': " + e);
        }

        List<LaidOutGraph.NodeBox> nodeBoxes = new ArrayList<>();
        for (GraphNode node : graph.nodes()) {
            ElkNode box = nodes.get(node.name());
            LaidOutGraph.Point at = absolute(box);
            nodeBoxes.add(new LaidOutGraph.NodeBox(node, at.x(), at.y(), box.getWidth(), box.getHeight()));
        }
        List<LaidOutGraph.GroupBox> groupBoxes = new ArrayList<>();
        for (NestedGroup group : graph.groups()) {
            ElkNode box = groups.get(group.name());
            LaidOutGraph.Point at = absolute(box);
            groupBoxes.add(new LaidOutGraph.GroupBox(group, at.x(), at.y(), box.getWidth(), box.getHeight()));
        }
        List<LaidOutGraph.EdgeRoute> routes = new ArrayList<>();
        for (int i = 0; i < elkEdges.size(); i++) {
            routes.add(route(drawn.get(i), elkEdges.get(i)));
        }
        return new LaidOutGraph(graph, nodeBoxes, routes, groupBoxes, root.getWidth(), root.getHeight());
    }

    /** Edge sections and edge labels are placed relative to the node that contains the edge. */
    private static LaidOutGraph.EdgeRoute route(GraphEdge edge, ElkEdge elkEdge) {
        ElkNode container = elkEdge.getContainingNode();
        LaidOutGraph.Point origin = container == null || container.getParent() == null
                ? new LaidOutGraph.Point(0, 0) : absolute(container);
        List<LaidOutGraph.Point> points = new ArrayList<>();
        for (ElkEdgeSection section : elkEdge.getSections()) {
            points.add(new LaidOutGraph.Point(origin.x() + section.getStartX(), origin.y() + section.getStartY()));
            for (ElkBendPoint bend : section.getBendPoints()) {
                points.add(new LaidOutGraph.Point(origin.x() + bend.getX(), origin.y() + bend.getY()));
            }
            points.add(new LaidOutGraph.Point(origin.x() + section.getEndX(), origin.y() + section.getEndY()));
        }
        ElkLabel label = elkEdge.getLabels().get(0);
        return new LaidOutGraph.EdgeRoute(edge, points,
                new LaidOutGraph.Point(origin.x() + label.getX(), origin.y() + label.getY()), label.getWidth());
    }

    /** A node's position from the drawing's top-left corner: ELK places each node in its parent. */
    private static LaidOutGraph.Point absolute(ElkNode node) {
        double x = 0;
        double y = 0;
        for (ElkNode at = node; at != null && at.getParent() != null; at = at.getParent()) {
            x += at.getX();
            y += at.getY();
        }
        return new LaidOutGraph.Point(x, y);
    }

    static String groupTitle(NestedGroup group) {
        return group.name() + " (" + group.className() + ")";
    }

    static double nodeWidth(GraphNode node, boolean withGlyphs) {
        double text = Math.max(TextSizes.width(node.name(), TextSizes.NAME_FONT),
                Math.max(TextSizes.width(NodeText.detail(node), TextSizes.DETAIL_FONT),
                        TextSizes.width(node.shapeText(), TextSizes.DETAIL_FONT)));
        return Math.max(text, withGlyphs ? TextSizes.GLYPH_WIDTH : 0) + 2 * TextSizes.PADDING;
    }

    static double nodeHeight(boolean withGlyphs) {
        double text = TextSizes.NAME_FONT + 2 * (TextSizes.DETAIL_FONT + TextSizes.LINE_GAP) + TextSizes.LINE_GAP;
        return text + 2 * TextSizes.PADDING - 4 + (withGlyphs ? TextSizes.GLYPH_HEIGHT + TextSizes.LINE_GAP + 2 : 0);
    }
}
