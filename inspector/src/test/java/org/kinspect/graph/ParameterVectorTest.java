package org.kinspect.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameter vector over memory of kinspect's own: the same array to ND4J and DL4J as ND4J's own
 * (shape, strides, type, views), and its memory kept as long as a view of it is reachable.
 */
class ParameterVectorTest {
    @Test
    void itIsTheArrayNd4jWouldHaveMade() {
        INDArray ours = ParameterVector.uninitialized(1000);
        INDArray nd4j = Nd4j.createUninitialized(DataType.FLOAT, 1, 1000);
        assertArrayEquals(nd4j.shapeInfoDataBuffer().asLong(), ours.shapeInfoDataBuffer().asLong());
        assertEquals(nd4j.ordering(), ours.ordering());
        assertEquals(1000, ours.data().length());
    }

    /**
     * A layer's f-order view, as DL4J makes them, outlives the vector's own handle: its numbers stay
     * (read, and computed with natively) after collections that would free the memory of an
     * unreachable vector.
     */
    @Test
    void aViewKeepsTheMemoryAfterTheVectorIsDropped() throws InterruptedException {
        INDArray vector = ParameterVector.uninitialized(6_000);
        for (int i = 0; i < 6_000; i++) {
            vector.putScalar(0, i, i * 0.5f);
        }
        INDArray view = vector.get(point(0), interval(100, 300)).reshape('f', 10, 20);
        vector = null;
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            ParameterVector.uninitialized(1_000_000).putScalar(0, 0, 1f); // memory reused if it were freed
        }
        for (int column = 0; column < 20; column++) {
            for (int row = 0; row < 10; row++) {
                assertEquals((100 + column * 10 + row) * 0.5f, view.getFloat(row, column));
            }
        }
        INDArray sums = view.mmul(Nd4j.ones(DataType.FLOAT, 20, 1));
        for (int row = 0; row < 10; row++) {
            float expected = 0;
            for (int column = 0; column < 20; column++) {
                expected += (100 + column * 10 + row) * 0.5f;
            }
            assertEquals(expected, sums.getFloat(row, 0), 1e-3f);
        }
    }
}
