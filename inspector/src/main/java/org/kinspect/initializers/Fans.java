package org.kinspect.initializers;

/**
 * The numbers of input and output units of a weight, as Keras counts them for its
 * variance-scaling initializers: a kernel's last axis is its outputs, the one before its inputs,
 * and every axis before those (a convolution's receptive field) multiplies both.
 *
 * <pre>{@code
 * Fans.of(new long[] {3, 3, 16, 32}); // Fans[in=144, out=288]
 * }</pre>
 *
 * @param in fan-in
 * @param out fan-out
 */
public record Fans(double in, double out) {

    /**
     * @param shape a weight's shape in Keras's layout
     * @return its fans, as Keras's {@code compute_fans}
     */
    public static Fans of(long[] shape) {
        if (shape.length == 0) {
            return new Fans(1, 1);
        }
        if (shape.length == 1) {
            return new Fans(shape[0], shape[0]);
        }
        double receptiveField = 1;
        for (int axis = 0; axis < shape.length - 2; axis++) {
            receptiveField *= shape[axis];
        }
        return new Fans(shape[shape.length - 2] * receptiveField, shape[shape.length - 1] * receptiveField);
    }

    /**
     * @param shape a weight's shape in Keras's layout
     * @param inputAxes the axes that count as inputs (Keras 3's {@code input_axes})
     * @param outputAxes the axes that count as outputs
     * @return the product of each set of axes
     */
    public static Fans of(long[] shape, int[] inputAxes, int[] outputAxes) {
        return new Fans(product(shape, inputAxes), product(shape, outputAxes));
    }

    /**
     * Keras 1 with Theano's dimension ordering kept convolution kernels as
     * {@code (filters, in_channels, height, width)}.
     *
     * @param shape a kernel's shape, channels first
     * @return its fans, as Keras 1's {@code get_fans(shape, dim_ordering='th')}
     */
    public static Fans ofChannelsFirst(long[] shape) {
        if (shape.length < 3) {
            return of(shape);
        }
        double receptiveField = 1;
        for (int axis = 2; axis < shape.length; axis++) {
            receptiveField *= shape[axis];
        }
        return new Fans(shape[1] * receptiveField, shape[0] * receptiveField);
    }

    private static double product(long[] shape, int[] axes) {
        double product = 1;
        for (int axis : axes) {
            product *= shape[axis < 0 ? shape.length + axis : axis];
        }
        return product;
    }
}
