package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * Layers that join several tensors: the element-wise merges ({@code Add}, {@code Subtract},
 * {@code Multiply}, {@code Average}, {@code Maximum}, {@code Minimum}, broadcasting as Keras does),
 * {@code Concatenate}, {@code Dot} and Keras 1's {@code Merge}.
 *
 * <pre>{@code
 * MergeRules.concatenate(layer, List.of(KerasShape.of(null, 5, 3), KerasShape.of(null, 5, 4)));  // [(None, 5, 7)]
 * }</pre>
 */
final class MergeRules {

    private MergeRules() {}

    /** An element-wise merge: the inputs' shapes broadcast together. */
    static List<KerasShape> elementWise(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape merged = inputs.get(0);
        for (KerasShape input : inputs.subList(1, inputs.size())) {
            merged = broadcast(merged, input);
        }
        return List.of(merged);
    }

    /** Two shapes broadcast as numpy (and Keras's merges) do; an open size meets a known one as the known. */
    static KerasShape broadcast(KerasShape first, KerasShape second) {
        int rank = Math.max(first.rank(), second.rank());
        List<Long> sizes = new ArrayList<>();
        for (int axis = 0; axis < rank; axis++) {
            int a = axis - (rank - first.rank());
            int b = axis - (rank - second.rank());
            Long one = a < 0 ? Long.valueOf(1) : first.size(a);
            Long other = b < 0 ? Long.valueOf(1) : second.size(b);
            if (one == null || other == null) {
                Long known = one == null ? other : one;
                sizes.add(known != null && known != 1 ? known : null);
            } else if (one.equals(other) || other == 1) {
                sizes.add(one);
            } else if (one == 1) {
                sizes.add(other);
            } else {
                throw new IllegalArgumentException("on shapes " + first + " and " + second + " that do not broadcast");
            }
        }
        return new KerasShape(sizes);
    }

    /** {@code Concatenate} (Keras 1: {@code concat_axis}): sizes along the axis add up. */
    static List<KerasShape> concatenate(LayerSpec layer, List<KerasShape> inputs) {
        int axis = new LayerConfig(layer).integer(-1, "axis", "concat_axis");
        KerasShape first = inputs.get(0);
        int resolved = axis < 0 ? first.rank() + axis : axis;
        Long total = 0L;
        KerasShape joined = first;
        for (KerasShape input : inputs) {
            if (input.rank() != first.rank()) {
                throw new IllegalArgumentException("on shapes " + first + " and " + input + " of different ranks");
            }
            Long size = input.size(resolved);
            total = total == null || size == null ? null : total + size;
            for (int other = 0; other < first.rank(); other++) {
                if (other != resolved && joined.size(other) == null && input.size(other) != null) {
                    joined = joined.with(other, input.size(other));
                }
            }
        }
        return List.of(joined.with(resolved, total));
    }

    /** {@code Dot}: the two inputs' shapes without the axes summed over, the second's batch dropped. */
    static List<KerasShape> dot(LayerSpec layer, List<KerasShape> inputs) {
        if (inputs.size() != 2) throw new IllegalArgumentException("on " + inputs.size() + " tensors");
        List<Long> first = new ArrayList<>(inputs.get(0).sizes());
        List<Long> second = new ArrayList<>(inputs.get(1).sizes());
        Object axesValue = new LayerConfig(layer).value("axes", "dot_axes");
        int[] axes = new int[2];
        if (axesValue instanceof Number number) {
            int axis = number.intValue();
            axes[0] = axis < 0 ? Math.floorMod(axis, first.size()) : axis;
            axes[1] = axis < 0 ? Math.floorMod(axis, second.size()) : axis;
        } else {
            List<Integer> pair = LayerConfig.integers(axesValue, 2, "axes");
            axes[0] = Math.floorMod(pair.get(0), first.size());
            axes[1] = Math.floorMod(pair.get(1), second.size());
        }
        first.remove(axes[0]);
        second.remove(axes[1]);
        second.remove(0);
        first.addAll(second);
        if (first.size() == 1) first.add(1L);
        return List.of(new KerasShape(first));
    }

    /** Keras 1 {@code Merge}: by its {@code mode}, a concatenation or an element-wise merge. */
    static List<KerasShape> keras1Merge(LayerSpec layer, List<KerasShape> inputs) {
        String mode = new LayerConfig(layer).text("sum", "mode");
        return switch (mode) {
            case "concat" -> concatenate(layer, inputs);
            case "dot", "cos" -> dot(layer, inputs);
            default -> elementWise(layer, inputs);
        };
    }
}
