package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Python indexing of a tensor ({@code x[:, 1:3]}, {@code x[:, -1, ::2]}, {@code x[..., 0]},
 * {@code x[:, None]}): integers take one position and drop the axis, slices take positions with a
 * positive step, {@code None} adds an axis of size 1, {@code ...} stands for the axes not named.
 * The batch axis must be taken whole.
 */
final class Slicing implements Operation {
    private final List<Object> key;

    /** @param key the items: integers, {@code {"slice": [start, stop, step]}}, "newaxis", "..." */
    Slicing(Object key) {
        this.key = key instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(key));
    }

    /** What one item of the key does to one input axis (or, for a new axis, to none). */
    private record Step(boolean newAxis, boolean point, long start, long stop, long stride) {
        long size() {
            if (point) {
                return 1;
            }
            return stop < 0 ? -1 : Math.max(0, (stop - start + stride - 1) / stride); // -1: the axis's open size
        }
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        long[] shape = Reduction.only(inputShapes);
        List<Step> steps = steps(shape);
        List<Long> result = new ArrayList<>();
        for (Step step : steps) {
            if (step.newAxis()) {
                result.add(1L);
            } else if (!step.point()) {
                result.add(step.size());
            }
        }
        return result.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray x = inputs.get(0);
        long[] shape = x.shape().clone();
        shape[0] = -1;
        List<Step> steps = steps(shape);
        List<INDArrayIndex> indices = new ArrayList<>();
        List<Long> result = new ArrayList<>();
        result.add(x.size(0));
        indices.add(NDArrayIndex.all());
        for (Step step : steps.subList(1, steps.size())) {
            if (step.newAxis()) {
                result.add(1L);
                continue;
            }
            // Every axis is kept while indexing (a point as an interval of one), then reshaped.
            indices.add(NDArrayIndex.interval(step.start(), step.stride(), step.start() + (step.size() - 1) * step.stride() + 1));
            if (!step.point()) {
                result.add(step.size());
            }
        }
        INDArray taken = x.get(indices.toArray(INDArrayIndex[]::new)).dup('c');
        return taken.reshape('c', result.stream().mapToLong(Long::longValue).toArray());
    }

    private List<Step> steps(long[] shape) {
        long named = key.stream().filter(item -> !"newaxis".equals(item) && !"...".equals(item)).count();
        if (named > shape.length || key.stream().filter("..."::equals).count() > 1) {
            throw new IllegalArgumentException("with key " + key + " on a rank-" + shape.length + " tensor");
        }
        List<Object> items = new ArrayList<>();
        boolean expanded = false;
        for (Object item : key) {
            if ("...".equals(item)) {
                for (long i = 0; i < shape.length - named; i++) {
                    items.add(Map.of("slice", java.util.Arrays.asList(null, null, null)));
                }
                expanded = true;
            } else {
                items.add(item);
            }
        }
        while (!expanded && items.stream().filter(item -> !"newaxis".equals(item)).count() < shape.length) {
            items.add(Map.of("slice", java.util.Arrays.asList(null, null, null)));
        }
        if ("newaxis".equals(items.get(0))) {
            throw new IllegalArgumentException("with a new axis before the batch axis");
        }
        List<Step> steps = new ArrayList<>();
        int axis = 0;
        for (Object item : items) {
            if ("newaxis".equals(item)) {
                steps.add(new Step(true, false, 0, 0, 1));
                continue;
            }
            long size = shape[axis];
            Step step = step(item, size);
            if (axis == 0 && (step.point() || step.start() != 0 || step.stride() != 1 || step.stop() != size)) {
                throw new IllegalArgumentException("taking part of the batch axis (key " + key + ")");
            }
            if (axis > 0 && step.size() == 0) {
                throw new IllegalArgumentException("with key " + key + ", which leaves nothing");
            }
            steps.add(step);
            axis++;
        }
        return steps;
    }

    private Step step(Object item, long size) {
        if (item instanceof Number number) {
            long at = number.longValue();
            if (at < 0 && size < 0) {
                throw new IllegalArgumentException("with index " + at + " on an axis of open size");
            }
            long position = at < 0 ? at + size : at;
            if (position < 0 || size >= 0 && position >= size) {
                throw new IllegalArgumentException("with index " + at + " on an axis of size " + size);
            }
            return new Step(false, true, position, position + 1, 1);
        }
        if (item instanceof Map<?, ?> map && map.get("slice") instanceof List<?> bounds && bounds.size() == 3) {
            long stride = bounds.get(2) instanceof Number number ? number.longValue() : 1;
            if (stride <= 0) {
                throw new IllegalArgumentException("with step " + stride + " (only positive steps)");
            }
            boolean whole = bounds.get(0) == null && bounds.get(1) == null;
            if (size < 0 && !(whole && stride == 1)) {
                throw new IllegalArgumentException("slicing part of an axis of open size");
            }
            if (size < 0) {
                return new Step(false, false, 0, -1, 1);
            }
            long start = bound(bounds.get(0), 0, size);
            long stop = bound(bounds.get(1), size, size);
            return new Step(false, false, start, Math.max(start, stop), stride);
        }
        throw new IllegalArgumentException("with key item " + item);
    }

    /** Python's slice bound: negative counted from the end, clamped into the axis. */
    private static long bound(Object value, long absent, long size) {
        if (!(value instanceof Number number)) {
            return absent;
        }
        long at = number.longValue();
        at = at < 0 ? at + size : at;
        return Math.max(0, Math.min(size, at));
    }
}
