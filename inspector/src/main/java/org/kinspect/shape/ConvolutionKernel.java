package org.kinspect.shape;

import java.util.List;
import org.kinspect.config.LayerSpec;

/**
 * A convolution's kernel size, read under any Keras version's field names ({@code kernel_size};
 * {@code nb_row}/{@code nb_col} and {@code filter_length} in Keras 1), as the shape rules read it.
 *
 * <pre>{@code
 * ConvolutionKernel.sizes(conv2d, 2);   // kernel_size 3 -> [3, 3]
 * }</pre>
 */
public final class ConvolutionKernel {

    private ConvolutionKernel() {}

    /**
     * @param layer a convolution layer
     * @param dimensions its spatial axes
     * @return the kernel's size along each of them
     * @throws IllegalArgumentException when the configuration has no kernel size
     */
    public static List<Integer> sizes(LayerSpec layer, int dimensions) {
        return ConvolutionRules.kernel(new LayerConfig(layer), dimensions);
    }
}
