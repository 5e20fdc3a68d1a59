package org.kinspect.units;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The running statistics on synthetic data whose answers are known exactly. */
class UnitAccumulatorTest {

    @Test
    void varianceStaysAccurateFarFromZeroOverManyBatches() {
        // Values 1e4 + 0.01 * k: float holds them to ~1e-3, so compare with the exact moments of
        // the floats actually given, computed in BigDecimal.
        Random random = new Random(3);
        UnitAccumulator accumulator = new UnitAccumulator(1, new long[0], 0);
        BigDecimal sum = BigDecimal.ZERO;
        List<Float> all = new java.util.ArrayList<>();
        for (int batch = 0; batch < 400; batch++) {
            int size = 1 + random.nextInt(300);
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = 10_000f + 0.01f * random.nextInt(1000);
                all.add(values[i]);
                sum = sum.add(new BigDecimal(values[i]));
            }
            accumulator.add(Nd4j.createFromArray(values).reshape(size, 1));
        }
        MathContext context = MathContext.DECIMAL128;
        BigDecimal mean = sum.divide(BigDecimal.valueOf(all.size()), context);
        BigDecimal squares = BigDecimal.ZERO;
        for (float value : all) {
            BigDecimal deviation = new BigDecimal(value).subtract(mean);
            squares = squares.add(deviation.multiply(deviation));
        }
        double std = Math.sqrt(squares.divide(BigDecimal.valueOf(all.size()), context).doubleValue());
        UnitStatistics unit = accumulator.statistics().get(0);
        assertEquals(mean.doubleValue(), unit.mean(), 1e-9);
        assertEquals(std, unit.std(), std * 1e-9);
    }

    @Test
    void topExamplesAreTheLargestPeaksWithTheirPositionsAndEarlierExamplesWinTies() {
        // 5 examples, positions (2, 3), 1 unit; example e has value e at position (1, 2), else -1;
        // example 4 ties with example 3.
        UnitAccumulator accumulator = new UnitAccumulator(1, new long[] {2, 3}, 3);
        INDArray batch = Nd4j.valueArrayOf(new long[] {5, 2, 3, 1}, -1f);
        float[] peaks = {0, 1, 2, 3, 3};
        for (int e = 0; e < 5; e++) {
            batch.putScalar(new long[] {e, 1, 2, 0}, peaks[e]);
        }
        accumulator.add(batch.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)));
        accumulator.add(batch.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5)));
        List<TopActivation> top = accumulator.statistics().get(0).top();
        assertEquals(List.of(3L, 4L, 2L), top.stream().map(TopActivation::index).toList());
        assertArrayEquals(new long[] {1, 2}, top.get(0).position());
        assertEquals(-1, top.get(0).step(), "no single step for an image");
    }

    @Test
    void zerosDeadUnitsAndNonFiniteValues() {
        UnitAccumulator accumulator = new UnitAccumulator(3, new long[] {2}, 2);
        // unit 0 always 0 (dead); unit 1 zero at one step of each example; unit 2 NaN once.
        float[][][] values = {
            {{0, 0, 1}, {0, 5, Float.NaN}},
            {{0, 0, 2}, {0, 7, 3}}};
        accumulator.add(Nd4j.createFromArray(values));
        List<UnitStatistics> units = accumulator.statistics();
        assertTrue(units.get(0).dead());
        assertEquals(0.0, units.get(1).zeroFraction());
        assertEquals(0.5, units.get(1).zeroValueFraction());
        assertEquals(1, units.get(2).nonFinite());
        assertEquals(3, units.get(2).values());
        assertEquals(2.0, units.get(2).mean(), 1e-12);
        assertEquals(3.0, units.get(2).max());
    }

    @Test
    void aBatchOfAnotherShapeIsRefused() {
        UnitAccumulator accumulator = new UnitAccumulator(4, new long[] {20}, 1);
        assertThrows(IllegalArgumentException.class, () -> accumulator.add(Nd4j.zeros(DataType.FLOAT, 2, 20, 5)));
    }
}
