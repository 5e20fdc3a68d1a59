package org.kinspect.shape;

/**
 * Keras's arithmetic for the size of one spatial axis after a convolution, a transposed
 * convolution or a pooling ({@code keras/src/ops/operation_utils.py}); an open size stays open.
 *
 * <pre>{@code
 * SpatialSizes.convolved(60L, 3, 1, 1, "valid");  // 58
 * SpatialSizes.convolved(null, 3, 1, 1, "same");  // null
 * }</pre>
 */
final class SpatialSizes {

    private SpatialSizes() {}

    /**
     * @return the size after a convolution (or pooling, dilation 1) over {@code size}
     * @throws IllegalArgumentException when the window does not fit
     */
    static Long convolved(Long size, int kernel, int stride, int dilation, String padding) {
        if (size == null) return null;
        long dilated = (long) dilation * (kernel - 1) + 1;
        long out = switch (padding) {
            case "same", "causal" -> (size + stride - 1) / stride;
            case "full" -> (size + dilated - 2) / stride + 1;
            default -> size < dilated ? 0 : (size - dilated) / stride + 1;
        };
        if (out < 1) {
            throw new IllegalArgumentException("on an axis of size " + size + " shorter than its window of " + dilated);
        }
        return out;
    }

    /** @return the size after a transposed convolution ({@code compute_conv_transpose_output_length}) */
    static Long transposed(Long size, int kernel, int stride, int dilation, String padding, Integer outputPadding) {
        if (size == null) return null;
        long dilated = (long) dilation * (kernel - 1) + 1;
        long out;
        if (outputPadding == null) {
            out = switch (padding) {
                case "same" -> size * stride;
                case "full" -> size * stride - (stride + dilated - 2);
                default -> size * stride + Math.max(dilated - stride, 0);
            };
        } else {
            long pad = switch (padding) {
                case "same" -> dilated / 2;
                case "full" -> dilated - 1;
                default -> 0;
            };
            out = (size - 1) * stride + dilated - 2 * pad + outputPadding;
        }
        if (out < 1) throw new IllegalArgumentException("giving an axis of size " + out);
        return out;
    }

    /** @return {@code size * factor}, open when size is */
    static Long times(Long size, int factor) {
        return size == null ? null : size * factor;
    }

    /**
     * @return {@code size + change}
     * @throws IllegalArgumentException when nothing is left (a crop larger than the axis)
     */
    static Long plus(Long size, int change) {
        if (size == null) return null;
        long out = size + change;
        if (out < 1) throw new IllegalArgumentException("leaving " + out + " of an axis of size " + size);
        return out;
    }
}
