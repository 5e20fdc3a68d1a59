package org.kinspect.diff;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** A batch of a layer's output as floats in memory order, with its shape: what the accumulators read. */
final class LayerValues {
    private LayerValues() {}

    /** @return the values of the array, row-major, as floats (copied only when they must be) */
    static float[] of(INDArray array) {
        boolean plain = array.dataType() == DataType.FLOAT && array.ordering() == 'c' && !array.isView()
                && array.offset() == 0 && array.data().length() == array.length()
                && Shape.hasDefaultStridesForShape(array);
        return (plain ? array : array.castTo(DataType.FLOAT).dup('c')).data().asFloat();
    }

    /** @return the shape of one example: the array's shape without the batch axis */
    static long[] exampleShape(INDArray array) {
        long[] shape = array.shape();
        return shape.length == 0 ? new long[0] : Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** @return how many rows (examples) the array holds */
    static int rows(INDArray array) {
        return array.rank() == 0 ? 1 : Math.toIntExact(array.size(0));
    }
}
