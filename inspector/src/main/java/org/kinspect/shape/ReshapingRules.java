package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * Layers that move, add, remove or resize axes: {@code Reshape}, {@code Flatten}, {@code Permute},
 * {@code RepeatVector}, padding, cropping and upsampling of 1 to 3 spatial axes, and the image
 * layers that resize or crop to a configured size ({@code Resizing}, {@code CenterCrop},
 * {@code RandomCrop}).
 *
 * <pre>{@code
 * ReshapingRules.permute(layer, List.of(KerasShape.of(null, 4, 6)));  // dims (2, 1): [(None, 6, 4)]
 * }</pre>
 */
final class ReshapingRules {

    private ReshapingRules() {}

    /** {@code Reshape}: its {@code target_shape}, a -1 in it worked out when the other sizes are known. */
    static List<KerasShape> reshape(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        List<Integer> target = LayerConfig.integers(new LayerConfig(layer).value("target_shape", "dims"),
                sizeOf(new LayerConfig(layer).value("target_shape", "dims")), "target_shape");
        List<Long> example = new ArrayList<>();
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < target.size(); i++) {
            if (target.get(i) < 0) {
                inferred = i;
                example.add(null);
            } else {
                example.add((long) target.get(i));
                known *= target.get(i);
            }
        }
        Long values = input.valuesPerExample();
        if (inferred >= 0 && values != null) {
            if (known == 0 || values % known != 0) {
                throw new IllegalArgumentException("of " + values + " values to " + target);
            }
            example.set(inferred, values / known);
        }
        return List.of(KerasShape.batchOf(input.size(0), example));
    }

    private static int sizeOf(Object value) {
        return value instanceof List<?> list ? list.size() : 1;
    }

    /** {@code Flatten}: one axis of every value of an example. */
    static List<KerasShape> flatten(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        return List.of(KerasShape.of(input.size(0), input.valuesPerExample()));
    }

    /** {@code Permute}: the axes after the batch in the order {@code dims} gives (from 1). */
    static List<KerasShape> permute(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        List<Integer> dims = LayerConfig.integers(new LayerConfig(layer).value("dims"), input.rank() - 1, "dims");
        List<Long> sizes = new ArrayList<>();
        sizes.add(input.size(0));
        for (int dim : dims) sizes.add(input.size(dim));
        return List.of(new KerasShape(sizes));
    }

    /** {@code RepeatVector}: {@code n} copies of a vector, a sequence. */
    static List<KerasShape> repeatVector(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        ConvolutionRules.requireRank(input, 2);
        return List.of(KerasShape.of(input.size(0), (long) new LayerConfig(layer).integer("n"), input.size(1)));
    }

    /** Zero padding of {@code dimensions} spatial axes, before and after each. */
    static ShapeRule padding(int dimensions) {
        return (layer, inputs) -> bordered(layer, inputs.get(0), dimensions, "padding", 1);
    }

    /** Cropping of {@code dimensions} spatial axes, before and after each. */
    static ShapeRule cropping(int dimensions) {
        return (layer, inputs) -> bordered(layer, inputs.get(0), dimensions, "cropping", -1);
    }

    private static List<KerasShape> bordered(LayerSpec layer, KerasShape input, int dimensions, String field, int sign) {
        ConvolutionRules.requireRank(input, dimensions + 2);
        List<Integer> total = borders(new LayerConfig(layer).value(field), dimensions);
        List<Long> sizes = new ArrayList<>(input.sizes());
        int first = PoolingRules.firstSpatialAxis(layer);
        for (int axis = 0; axis < dimensions; axis++) {
            sizes.set(first + axis, SpatialSizes.plus(input.size(first + axis), sign * total.get(axis)));
        }
        return List.of(new KerasShape(sizes));
    }

    /** The sum of the two borders of each axis, from an int, one int an axis, or a pair an axis. */
    private static List<Integer> borders(Object value, int dimensions) {
        List<Integer> total = new ArrayList<>();
        if (value instanceof Number number) {
            for (int axis = 0; axis < dimensions; axis++) total.add(2 * number.intValue());
            return total;
        }
        if (!(value instanceof List<?> list)) throw new IllegalArgumentException("with borders " + value);
        if (dimensions == 1 && list.size() == 2 && list.get(0) instanceof Number) {
            return List.of(((Number) list.get(0)).intValue() + ((Number) list.get(1)).intValue());
        }
        if (list.size() != dimensions) throw new IllegalArgumentException("with borders " + value);
        for (Object axis : list) {
            if (axis instanceof Number number) {
                total.add(2 * number.intValue());
            } else {
                List<Integer> pair = LayerConfig.integers(axis, 2, "borders");
                total.add(pair.get(0) + pair.get(1));
            }
        }
        return total;
    }

    /** Upsampling of {@code dimensions} spatial axes by whole factors. */
    static ShapeRule upsampling(int dimensions) {
        return (layer, inputs) -> {
            KerasShape input = inputs.get(0);
            ConvolutionRules.requireRank(input, dimensions + 2);
            LayerConfig config = new LayerConfig(layer);
            List<Integer> factors = config.has("size", "length") ? config.integers(dimensions, "size", "length")
                    : LayerConfig.integers(2, dimensions, "size");
            List<Long> sizes = new ArrayList<>(input.sizes());
            int first = PoolingRules.firstSpatialAxis(layer);
            for (int axis = 0; axis < dimensions; axis++) {
                sizes.set(first + axis, SpatialSizes.times(input.size(first + axis), factors.get(axis)));
            }
            return List.of(new KerasShape(sizes));
        };
    }

    /** {@code Resizing}, {@code CenterCrop}, {@code RandomCrop}: images of the configured height and width. */
    static List<KerasShape> toConfiguredSize(LayerSpec layer, List<KerasShape> inputs) {
        KerasShape input = inputs.get(0);
        LayerConfig config = new LayerConfig(layer);
        List<Long> sizes = new ArrayList<>(input.sizes());
        int height = input.rank() - (config.channelsFirst() ? 2 : 3); // a batch of images or one image
        sizes.set(height, (long) config.integer("height"));
        sizes.set(height + 1, (long) config.integer("width"));
        return List.of(new KerasShape(sizes));
    }
}
