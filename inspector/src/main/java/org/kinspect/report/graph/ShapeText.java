package org.kinspect.report.graph;

import java.util.List;
import java.util.stream.Collectors;

/** A Keras shape as Keras prints it: {@code (None, 10, 32)}, {@code (None,)}; {@code ?} when unknown. */
final class ShapeText {
    private ShapeText() {}

    static String of(List<Long> shape) {
        if (shape == null || shape.isEmpty()) {
            return "?";
        }
        return "(" + shape.stream().map(size -> size == null ? "None" : size.toString()).collect(Collectors.joining(", "))
                + (shape.size() == 1 ? ",)" : ")");
    }
}
