package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ArrayText} prints what NumPy prints: every expected text here is NumPy 2's own
 * {@code np.array2string(a, separator=', ')} under {@code np.set_printoptions(precision=4)}, for
 * the same float32 arrays (built exactly in both: small integers and powers of two).
 */
class ArrayTextTest {

    private static INDArray arange(int count, double scale, double offset, long... shape) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) ((i + offset) * scale);
        }
        return Nd4j.create(values, shape, 'c');
    }

    @Test
    void fixedPointNumbersLineUpTheirPointsAndBlocksAreSeparatedByABlankLine() {
        // np.arange(24, dtype='float32').reshape(2, 3, 4) / 8
        assertEquals("""
                [[[0.   , 0.125, 0.25 , 0.375],
                  [0.5  , 0.625, 0.75 , 0.875],
                  [1.   , 1.125, 1.25 , 1.375]],

                 [[1.5  , 1.625, 1.75 , 1.875],
                  [2.   , 2.125, 2.25 , 2.375],
                  [2.5  , 2.625, 2.75 , 2.875]]]""", ArrayText.of(arange(24, 1.0 / 8, 0, 2, 3, 4)));
        assertEquals("""
                [[ 1. ,  2.5],
                 [-3. ,  0. ]]""", ArrayText.of(Nd4j.createFromArray(new float[][] {{1, 2.5f}, {-3, 0}})));
    }

    @Test
    void anArrayOfMoreThanAThousandNumbersShowsThreeItemsAtEachEndOfALongAxis() {
        // np.arange(2 * 3 * 400, dtype='float32').reshape(2, 3, 400)
        assertEquals("""
                [[[0.000e+00, 1.000e+00, 2.000e+00, ..., 3.970e+02, 3.980e+02, 3.990e+02],
                  [4.000e+02, 4.010e+02, 4.020e+02, ..., 7.970e+02, 7.980e+02, 7.990e+02],
                  [8.000e+02, 8.010e+02, 8.020e+02, ..., 1.197e+03, 1.198e+03, 1.199e+03]],

                 [[1.200e+03, 1.201e+03, 1.202e+03, ..., 1.597e+03, 1.598e+03, 1.599e+03],
                  [1.600e+03, 1.601e+03, 1.602e+03, ..., 1.997e+03, 1.998e+03, 1.999e+03],
                  [2.000e+03, 2.001e+03, 2.002e+03, ..., 2.397e+03, 2.398e+03, 2.399e+03]]]""",
                ArrayText.of(arange(2400, 1, 0, 2, 3, 400)));
    }

    @Test
    void smallNumbersAreScientificAndLongRowsWrapAtSeventyFiveColumns() {
        // (((np.arange(40, dtype='float32') - 20) / 1024) ** 3).reshape(4, 10)
        float[] values = new float[40];
        for (int i = 0; i < 40; i++) {
            float step = (i - 20) / 1024f;
            values[i] = step * step * step;
        }
        assertEquals("""
                [[-7.4506e-06, -6.3879e-06, -5.4315e-06, -4.5756e-06, -3.8147e-06,
                  -3.1432e-06, -2.5555e-06, -2.0461e-06, -1.6093e-06, -1.2396e-06],
                 [-9.3132e-07, -6.7893e-07, -4.7684e-07, -3.1944e-07, -2.0117e-07,
                  -1.1642e-07, -5.9605e-08, -2.5146e-08, -7.4506e-09, -9.3132e-10],
                 [ 0.0000e+00,  9.3132e-10,  7.4506e-09,  2.5146e-08,  5.9605e-08,
                   1.1642e-07,  2.0117e-07,  3.1944e-07,  4.7684e-07,  6.7893e-07],
                 [ 9.3132e-07,  1.2396e-06,  1.6093e-06,  2.0461e-06,  2.5555e-06,
                   3.1432e-06,  3.8147e-06,  4.5756e-06,  5.4315e-06,  6.3879e-06]]""",
                ArrayText.of(Nd4j.create(values, new long[] {4, 10}, 'c')));
    }

    @Test
    void notANumberAndInfinityTakeTheNumbersWidth() {
        assertEquals("[ 0.5 , -0.25,  3.  ,   nan,   inf]", ArrayText.of(Nd4j.createFromArray(
                new float[] {0.5f, -0.25f, 3f, Float.NaN, Float.POSITIVE_INFINITY})));
        assertEquals("[ 1., nan]", ArrayText.of(Nd4j.createFromArray(new float[] {1f, Float.NaN})));
        assertEquals("2.5", ArrayText.of(Nd4j.scalar(2.5f)));
    }
}
