package org.kinspect.graph.operations;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Numpy's broadcasting, as Keras applies it to the arguments of element-wise ops: shapes are
 * aligned at their last axes, and an axis of size 1 stretches to the other's size.
 */
final class Broadcast {

    private Broadcast() {}

    /**
     * @param a one shape (-1 for an unknown size)
     * @param b the other
     * @return the broadcast shape
     * @throws IllegalArgumentException when the shapes do not broadcast
     */
    static long[] shape(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = axis(a, i - rank + a.length);
            long y = axis(b, i - rank + b.length);
            if (x == 1 || x == y) {
                shape[i] = y;
            } else if (y == 1) {
                shape[i] = x;
            } else if (x < 0 || y < 0) {
                shape[i] = Math.max(x, y); // an unknown size meets a known one: Keras assumes they agree
            } else {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
        }
        return shape;
    }

    /**
     * @param array an array
     * @param shape a shape it broadcasts to (no more axes than it)
     * @return the array stretched to that shape (a new array)
     */
    static INDArray to(INDArray array, long[] shape) {
        if (Arrays.equals(array.shape(), shape)) {
            return array;
        }
        long[] padded = new long[shape.length];
        Arrays.fill(padded, 1);
        long[] own = array.shape();
        System.arraycopy(own, 0, padded, shape.length - own.length, own.length);
        INDArray reshaped = array.rank() == 0 ? array.reshape(padded) : array.reshape('c', padded);
        return reshaped.broadcast(shape);
    }

    private static long axis(long[] shape, int index) {
        return index < 0 ? 1 : shape[index];
    }
}
