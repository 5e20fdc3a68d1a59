package org.kinspect.report.graph;

import java.util.List;

/**
 * One tensor a layer call reads, drawn as one arrow from the call that made it.
 *
 * @param from the layer call that made the tensor
 * @param to the layer call that reads it
 * @param outputIndex which output of {@code from} (0 but for a recurrent layer's returned states)
 * @param shape the tensor's Keras shape, batch open; null when unknown
 * @param state the recurrent state it carries, e.g. {@code h}, {@code c}, {@code forward_h}: a returned
 *     state ({@code outputIndex > 0}) or an initial state of {@code to}; null for an ordinary tensor
 */
public record GraphEdge(String from, String to, int outputIndex, List<Long> shape, String state) {

    public GraphEdge {
        shape = shape == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(shape));
    }

    /** @return the label drawn on the arrow: the shape, preceded by the state when it carries one */
    public String label() {
        String shapeText = ShapeText.of(shape);
        return state == null ? shapeText : state + " " + shapeText;
    }
}
