package org.kinspect.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parts of a data set accumulated apart, serialised and merged (in any order) give what one pass
 * over all of it gives: counts, extremes, zeros and top lists exactly, moments to rounding.
 */
class UnitAccumulatorMergeTest {
    private static final int UNITS = 5;
    private static final int STEPS = 4;
    private static final int TOP = 6;

    @Test
    void partsMergedInAnyOrderEqualOnePass() throws Exception {
        Random random = new Random(11);
        int examples = 997;
        // Values on a coarse grid so peaks tie across examples; zeros and NaNs mixed in; unit 4 dead.
        float[][] rows = new float[examples][STEPS * UNITS];
        for (float[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                int unit = i % UNITS;
                double draw = random.nextDouble();
                row[i] = unit == 4 ? 0f : draw < 0.2 ? 0f : draw < 0.21 ? Float.NaN : 100f + random.nextInt(40) / 4f;
            }
        }
        UnitAccumulator onePass = new UnitAccumulator(UNITS, new long[] {STEPS}, TOP);
        for (int start = 0; start < examples; start += 64) {
            onePass.add(batch(rows, start, Math.min(examples, start + 64)), null);
        }

        // Parts of uneven sizes, each run in batches of its own size, numbered by global index.
        int[] bounds = {0, 1, 250, 251, 600, 997};
        List<UnitAccumulator> parts = new ArrayList<>();
        for (int part = 0; part + 1 < bounds.length; part++) {
            UnitAccumulator accumulator = new UnitAccumulator(UNITS, new long[] {STEPS}, TOP);
            for (int start = bounds[part]; start < bounds[part + 1]; start += 37) {
                int end = Math.min(bounds[part + 1], start + 37);
                long[] indices = new long[end - start];
                for (int i = 0; i < indices.length; i++) indices[i] = start + i;
                accumulator.add(batch(rows, start, end), indices);
            }
            parts.add(roundTrip(accumulator));
        }
        parts.add(roundTrip(new UnitAccumulator(UNITS, new long[] {STEPS}, TOP)));  // an empty partition
        Collections.shuffle(parts, new Random(5));
        UnitAccumulator merged = new UnitAccumulator(UNITS, new long[] {STEPS}, TOP);
        parts.forEach(merged::merge);

        assertEquals(onePass.examples(), merged.examples());
        List<UnitStatistics> expected = onePass.statistics();
        List<UnitStatistics> actual = merged.statistics();
        for (int unit = 0; unit < UNITS; unit++) {
            UnitStatistics one = expected.get(unit);
            UnitStatistics all = actual.get(unit);
            assertEquals(one.values(), all.values(), "values of unit " + unit);
            assertEquals(one.nonFinite(), all.nonFinite());
            assertEquals(one.min(), all.min(), 0.0);
            assertEquals(one.max(), all.max(), 0.0);
            assertEquals(one.zeroFraction(), all.zeroFraction(), 0.0);
            assertEquals(one.zeroValueFraction(), all.zeroValueFraction(), 0.0);
            assertEquals(one.top(), all.top(), "top examples of unit " + unit);
            if (unit < 4) {
                assertEquals(one.mean(), all.mean(), 1e-12 * Math.abs(one.mean()));
                assertEquals(one.std(), all.std(), 1e-9 * one.std());
            } else {
                assertEquals(0.0, all.mean(), 0.0);
                assertEquals(1.0, all.zeroFraction(), 0.0);
            }
        }
        // Ties are real here: some unit keeps two examples of the same peak, the earlier first.
        boolean tied = actual.stream().limit(4).anyMatch(unit -> unit.top().get(0).value() == unit.top().get(1).value());
        assertEquals(true, tied, "the data should make tied peaks");
    }

    @Test
    void refusesAnotherShape() {
        UnitAccumulator accumulator = new UnitAccumulator(3, new long[0], 2);
        assertThrows(IllegalArgumentException.class, () -> accumulator.merge(new UnitAccumulator(4, new long[0], 2)));
        assertThrows(IllegalArgumentException.class, () -> accumulator.merge(new UnitAccumulator(3, new long[] {2}, 2)));
    }

    private static org.nd4j.linalg.api.ndarray.INDArray batch(float[][] rows, int start, int end) {
        float[] flat = new float[(end - start) * STEPS * UNITS];
        for (int example = start; example < end; example++) {
            System.arraycopy(rows[example], 0, flat, (example - start) * STEPS * UNITS, STEPS * UNITS);
        }
        return Nd4j.createFromArray(flat).reshape(end - start, STEPS, UNITS);
    }

    private static UnitAccumulator roundTrip(UnitAccumulator accumulator) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(accumulator);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (UnitAccumulator) in.readObject();
        }
    }
}
