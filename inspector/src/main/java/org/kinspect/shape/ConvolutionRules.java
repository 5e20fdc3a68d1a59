package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * Convolutions of 1, 2 and 3 spatial axes, plain, separable, depthwise and transposed, in either
 * layout, under Keras 1, 2 and 3 field names ({@code nb_filter}, {@code subsample},
 * {@code border_mode}, {@code atrous_rate} in Keras 1).
 *
 * <pre>{@code
 * ConvolutionRules.convolution(2).outputs(conv, List.of(KerasShape.of(null, null, null, 3)));
 * // (None, None, None, filters): an open image size stays open
 * }</pre>
 */
final class ConvolutionRules {

    private ConvolutionRules() {}

    /** A convolution of {@code dimensions} spatial axes giving {@code filters} channels. */
    static ShapeRule convolution(int dimensions) {
        return (layer, inputs) -> convolved(layer, inputs.get(0), dimensions, false);
    }

    /** A transposed convolution of {@code dimensions} spatial axes. */
    static ShapeRule transposed(int dimensions) {
        return (layer, inputs) -> convolved(layer, inputs.get(0), dimensions, true);
    }

    private static List<KerasShape> convolved(LayerSpec layer, KerasShape input, int dimensions, boolean transposed) {
        LayerConfig config = new LayerConfig(layer);
        requireRank(input, dimensions + 2);
        boolean channelsFirst = config.channelsFirst();
        List<Integer> kernel = kernel(config, dimensions);
        List<Integer> strides = config.has("strides", "subsample", "subsample_length")
                ? config.integers(dimensions, "strides", "subsample", "subsample_length") : ones(dimensions);
        List<Integer> dilation = config.has("dilation_rate", "atrous_rate")
                ? config.integers(dimensions, "dilation_rate", "atrous_rate") : ones(dimensions);
        String padding = config.text("valid", "padding", "border_mode");
        List<Integer> outputPadding = config.has("output_padding") ? config.integers(dimensions, "output_padding") : null;
        List<Long> sizes = new ArrayList<>(input.sizes());
        int first = channelsFirst ? 2 : 1;
        for (int axis = 0; axis < dimensions; axis++) {
            Long size = input.size(first + axis);
            sizes.set(first + axis, transposed
                    ? SpatialSizes.transposed(size, kernel.get(axis), strides.get(axis), dilation.get(axis), padding,
                            outputPadding == null ? null : outputPadding.get(axis))
                    : SpatialSizes.convolved(size, kernel.get(axis), strides.get(axis), dilation.get(axis), padding));
        }
        int channelAxis = channelsFirst ? 1 : dimensions + 1;
        sizes.set(channelAxis, channels(layer, config, input.size(channelAxis)));
        return List.of(new KerasShape(sizes));
    }

    private static Long channels(LayerSpec layer, LayerConfig config, Long inputChannels) {
        if (layer.className().startsWith("DepthwiseConv")) {
            return inputChannels == null ? null : inputChannels * config.integer(1, "depth_multiplier");
        }
        return (long) config.integer("filters", "nb_filter");
    }

    static List<Integer> kernel(LayerConfig config, int dimensions) {
        if (config.has("kernel_size")) return config.integers(dimensions, "kernel_size");
        if (config.has("filter_length")) return config.integers(1, "filter_length"); // Keras 1 Convolution1D
        if (dimensions == 2) return List.of(config.integer("nb_row"), config.integer("nb_col"));
        return List.of(config.integer("kernel_dim1"), config.integer("kernel_dim2"), config.integer("kernel_dim3"));
    }

    static List<Integer> ones(int count) {
        List<Integer> ones = new ArrayList<>();
        for (int i = 0; i < count; i++) ones.add(1);
        return ones;
    }

    static void requireRank(KerasShape input, int rank) {
        if (input.rank() != rank) {
            throw new IllegalArgumentException("on a tensor of rank " + input.rank() + " where it takes rank " + rank);
        }
    }
}
