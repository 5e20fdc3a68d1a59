package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * Max and average pooling of 1, 2 and 3 spatial axes, their global forms ({@code keepdims} too)
 * and adaptive pooling, in either layout, under Keras 1 field names too ({@code pool_length},
 * {@code stride}, {@code border_mode}).
 *
 * <pre>{@code
 * PoolingRules.global(1).outputs(pool, List.of(KerasShape.of(null, 5, 8)));  // [(None, 8)]
 * }</pre>
 */
final class PoolingRules {

    private PoolingRules() {}

    /** Max or average pooling over windows of {@code dimensions} spatial axes. */
    static ShapeRule windowed(int dimensions) {
        return (layer, inputs) -> {
            KerasShape input = inputs.get(0);
            ConvolutionRules.requireRank(input, dimensions + 2);
            LayerConfig config = new LayerConfig(layer);
            List<Integer> pool = config.has("pool_size", "pool_length")
                    ? config.integers(dimensions, "pool_size", "pool_length") : twos(dimensions);
            List<Integer> strides = config.has("strides", "stride") ? config.integers(dimensions, "strides", "stride") : pool;
            String padding = config.text("valid", "padding", "border_mode");
            List<Long> sizes = new ArrayList<>(input.sizes());
            int first = config.channelsFirst() ? 2 : 1;
            for (int axis = 0; axis < dimensions; axis++) {
                sizes.set(first + axis, SpatialSizes.convolved(input.size(first + axis), pool.get(axis),
                        strides.get(axis), 1, padding));
            }
            return List.of(new KerasShape(sizes));
        };
    }

    /** A global pooling of {@code dimensions} spatial axes: one value a channel, or size-1 axes with keepdims. */
    static ShapeRule global(int dimensions) {
        return (layer, inputs) -> {
            KerasShape input = inputs.get(0);
            ConvolutionRules.requireRank(input, dimensions + 2);
            LayerConfig config = new LayerConfig(layer);
            boolean channelsFirst = config.channelsFirst();
            Long channels = input.size(channelsFirst ? 1 : -1);
            if (!config.flag("keepdims")) return List.of(KerasShape.of(input.size(0), channels));
            List<Long> sizes = new ArrayList<>(input.sizes());
            int first = channelsFirst ? 2 : 1;
            for (int axis = 0; axis < dimensions; axis++) sizes.set(first + axis, 1L);
            return List.of(new KerasShape(sizes));
        };
    }

    /** An adaptive pooling to {@code output_size} bins on each of {@code dimensions} spatial axes. */
    static ShapeRule adaptive(int dimensions) {
        return (layer, inputs) -> {
            KerasShape input = inputs.get(0);
            ConvolutionRules.requireRank(input, dimensions + 2);
            LayerConfig config = new LayerConfig(layer);
            List<Integer> bins = config.integers(dimensions, "output_size");
            List<Long> sizes = new ArrayList<>(input.sizes());
            int first = config.channelsFirst() ? 2 : 1;
            for (int axis = 0; axis < dimensions; axis++) sizes.set(first + axis, (long) bins.get(axis));
            return List.of(new KerasShape(sizes));
        };
    }

    private static List<Integer> twos(int count) {
        List<Integer> twos = new ArrayList<>();
        for (int i = 0; i < count; i++) twos.add(2);
        return twos;
    }

    /** @return the index of {@code layer}'s first spatial axis: 2 channels first, 1 channels last */
    static int firstSpatialAxis(LayerSpec layer) {
        return new LayerConfig(layer).channelsFirst() ? 2 : 1;
    }
}
