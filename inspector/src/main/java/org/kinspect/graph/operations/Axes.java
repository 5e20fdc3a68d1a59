package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.List;

/** Keras axis arguments ({@code axis=-1}, {@code axis=[1, 2]}) as axis numbers, the batch axis refused. */
final class Axes {
    /**
     * Why an op across the batch axis is refused: kinspect runs and inspects each example on its
     * own (every layer's output is given per example), which a result across examples is not.
     */
    static final String ACROSS_EXAMPLES = ": its result mixes the examples of a batch (one value for"
            + " several examples), which cannot be inspected per example as kinspect inspects every layer";

    private Axes() {}

    /**
     * @param axis a number or a list of numbers, negative counted from the end
     * @param rank the rank they count in
     * @return the axes, ascending, each once
     * @throws IllegalArgumentException for the batch axis, an axis out of range, or no axis (all axes)
     */
    static int[] of(Object axis, int rank) {
        List<Integer> given = new ArrayList<>();
        if (axis instanceof Number number) {
            given.add(number.intValue());
        } else if (axis instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Number number)) {
                    throw new IllegalArgumentException("with axis " + axis);
                }
                given.add(number.intValue());
            }
        } else {
            throw new IllegalArgumentException("over every axis, the batch axis included (axis=None)" + ACROSS_EXAMPLES);
        }
        return given.stream().mapToInt(value -> one(value, rank)).sorted().distinct().toArray();
    }

    /**
     * @param axis one axis, negative counted from the end
     * @param rank the rank it counts in
     * @return the axis number
     * @throws IllegalArgumentException for the batch axis or an axis out of range
     */
    static int one(int axis, int rank) {
        int normalized = axis < 0 ? axis + rank : axis;
        if (normalized == 0) {
            throw new IllegalArgumentException("along the batch axis" + ACROSS_EXAMPLES);
        }
        if (normalized < 0 || normalized >= rank) {
            throw new IllegalArgumentException("with axis " + axis + " on a rank-" + rank + " tensor");
        }
        return normalized;
    }
}
