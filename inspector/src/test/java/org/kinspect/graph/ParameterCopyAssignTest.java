package org.kinspect.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ParameterCopy#assign} against ND4J's own {@code assign} (and, for shapes that differ, DL4J's
 * {@code assign(values.reshape(shape))}), on the arrays DL4J's mappers hand over: permuted kernels,
 * vectors into {@code [1, n]} views, views at an offset into a parameter vector. Every bit of the
 * result must be ND4J's, NaN payloads included; what the loop does not take it must leave untouched.
 */
class ParameterCopyAssignTest {
    private final Random random = new Random(18);

    @Test
    void aPermutedConvolutionKernelLandsAsNd4jPutsIt() {
        INDArray keras = values(3, 3, 10, 16); // Keras's [kh, kw, in, out]
        checkAgainstNd4j(keras.permute(3, 2, 0, 1), 'c', 16, 10, 3, 3);
        checkAgainstNd4j(keras.permute(3, 2, 0, 1), 'f', 16, 10, 3, 3);
    }

    @Test
    void aVectorGoesIntoARowView() {
        checkAgainstNd4j(values(32), 'f', 1, 32);
        checkAgainstNd4j(values(1, 1, 16), 'f', 1, 1, 16);
    }

    /** DL4J's copyWeightsToLayer reshapes (C order) a weight of another shape: a Conv1D kernel, for one. */
    @Test
    void aWeightOfAnotherShapeIsReshapedInCOrder() {
        checkAgainstNd4j(values(20, 1, 32, 1), 'c', 32, 1, 20, 1);
        checkAgainstNd4j(values(5, 32, 32, 1).permute(2, 1, 0, 3), 'c', 32, 32, 5, 1);
    }

    @Test
    void nanPayloadsAndInfinitiesAreCopiedBitForBit() {
        float[] special = {Float.intBitsToFloat(0x7fc00001), Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE};
        INDArray values = Nd4j.create(special, new long[] {2, 3}, DataType.FLOAT);
        checkAgainstNd4j(values.transpose(), 'c', 3, 2);
    }

    @Test
    void otherNumberTypesAreLeftToNd4j() {
        INDArray doubles = values(4, 5).castTo(DataType.DOUBLE);
        INDArray vector = Nd4j.zeros(DataType.FLOAT, 1, 40);
        INDArray target = vector.get(point(0), interval(10, 30)).reshape('f', 4, 5);
        assertFalse(ParameterCopy.assign(doubles, target));
        assertTrue(vector.equals(Nd4j.zeros(DataType.FLOAT, 1, 40)), "nothing may be written when refused");
        assertFalse(ParameterCopy.assign(values(4, 6), target), "another number of elements");
    }

    /**
     * Puts {@code values} into a view of the given shape and order at an offset inside a parameter
     * vector, once by {@link ParameterCopy#assign} and once by ND4J, and compares the whole vectors.
     */
    private void checkAgainstNd4j(INDArray values, char order, long... shape) {
        long length = values.length();
        INDArray ours = filledVector(length + 20);
        INDArray nd4j = ours.dup();
        INDArray ourView = ours.get(point(0), interval(7, 7 + length)).reshape(order, shape);
        INDArray nd4jView = nd4j.get(point(0), interval(7, 7 + length)).reshape(order, shape);
        assertTrue(ParameterCopy.assign(values, ourView));
        nd4jView.assign(Arrays.equals(values.shape(), shape) ? values : values.reshape(shape));
        assertArrayEquals(bits(nd4j), bits(ours), "the vector's bits");
    }

    private static int[] bits(INDArray vector) {
        int[] bits = new int[(int) vector.length()];
        vector.data().asNio().order(ByteOrder.nativeOrder()).asIntBuffer().get(bits);
        return bits;
    }

    private INDArray filledVector(long length) {
        INDArray vector = ParameterVector.uninitialized(length);
        for (long i = 0; i < length; i++) {
            vector.putScalar(0, i, -1000f - i); // what the copy must leave outside the view
        }
        return vector;
    }

    private INDArray values(long... shape) {
        long length = 1;
        for (long size : shape) {
            length *= size;
        }
        float[] numbers = new float[(int) length];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(numbers, shape, DataType.FLOAT);
    }
}
