package org.kinspect.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parts of a labelled data set scored apart, serialised and merged in any order give what one pass
 * gives: confusion counts, per-class scores, accuracy and the reference comparison exactly, the
 * calibration sums to rounding.
 */
class EvaluationAccumulatorMergeTest {

    @Test
    void multiClassPartsEqualOnePass() throws Exception {
        check(OutputKind.MULTI_CLASS, 4, 1);
    }

    @Test
    void multiLabelPartsEqualOnePass() throws Exception {
        check(OutputKind.MULTI_LABEL, 3, 2);
    }

    @Test
    void binaryPartsEqualOnePass() throws Exception {
        check(OutputKind.BINARY, 2, 3);
    }

    private static void check(OutputKind kind, int classes, long seed) throws Exception {
        Random random = new Random(seed);
        int examples = 700;
        int width = kind == OutputKind.BINARY ? 1 : classes;
        // Probabilities on a grid of tenths so the reference differences tie; the reference
        // disagrees often, so more than the listed 20 disagreements compete.
        float[][] ours = new float[examples][width];
        float[][] theirs = new float[examples][width];
        float[][] labels = new float[examples][kind == OutputKind.MULTI_LABEL ? classes : 1];
        for (int example = 0; example < examples; example++) {
            for (int k = 0; k < width; k++) {
                ours[example][k] = random.nextInt(11) / 10f;
                theirs[example][k] = random.nextInt(11) / 10f;
            }
            for (int k = 0; k < labels[example].length; k++) {
                labels[example][k] = random.nextInt(kind == OutputKind.MULTI_CLASS ? classes : 2);
            }
        }
        EvaluationAccumulator onePass = new EvaluationAccumulator(kind, classes, 0.5, "y.npy");
        for (int start = 0; start < examples; start += 50) {
            int end = Math.min(examples, start + 50);
            onePass.add(rows(ours, start, end), labelRows(labels, start, end, kind), rows(theirs, start, end));
        }
        int[] bounds = {0, 123, 124, 480, 700};
        List<EvaluationAccumulator> parts = new ArrayList<>();
        for (int part = 0; part + 1 < bounds.length; part++) {
            EvaluationAccumulator accumulator = new EvaluationAccumulator(kind, classes, 0.5, "y.npy");
            for (int start = bounds[part]; start < bounds[part + 1]; start += 31) {
                int end = Math.min(bounds[part + 1], start + 31);
                long[] indices = new long[end - start];
                for (int i = 0; i < indices.length; i++) indices[i] = start + i;
                accumulator.add(rows(ours, start, end), labelRows(labels, start, end, kind), rows(theirs, start, end),
                        indices);
            }
            parts.add(roundTrip(accumulator));
        }
        Collections.shuffle(parts, new Random(seed + 7));
        EvaluationAccumulator merged = parts.get(0);
        parts.subList(1, parts.size()).forEach(merged::merge);

        Evaluation expected = onePass.result();
        Evaluation actual = merged.result();
        assertEquals(expected.examples(), actual.examples());
        for (int matrix = 0; matrix < expected.confusion().size(); matrix++) {
            assertArrayEquals(expected.confusion().get(matrix), actual.confusion().get(matrix));
        }
        assertEquals(expected.perClass(), actual.perClass());
        assertEquals(expected.accuracy(), actual.accuracy(), 0.0);
        assertEquals(expected.labelAccuracy(), actual.labelAccuracy(), 0.0);
        assertEquals(expected.reference(), actual.reference());
        assertTrue(expected.reference().examples() - expected.reference().agreeing() > ReferenceAgreement.LISTED);
        assertEquals(expected.calibration().bins().size(), actual.calibration().bins().size());
        for (int bin = 0; bin < expected.calibration().bins().size(); bin++) {
            assertEquals(expected.calibration().bins().get(bin).count(), actual.calibration().bins().get(bin).count());
            assertEquals(expected.calibration().bins().get(bin).meanProbability(),
                    actual.calibration().bins().get(bin).meanProbability(), 1e-12);
        }
        assertEquals(expected.calibration().brier(), actual.calibration().brier(), 1e-12);
        assertEquals(expected.calibration().logLoss(), actual.calibration().logLoss(), 1e-12);
        assertEquals(expected.calibration().expectedError(), actual.calibration().expectedError(), 1e-12);
    }

    private static INDArray rows(float[][] values, int start, int end) {
        float[][] slice = new float[end - start][];
        System.arraycopy(values, start, slice, 0, slice.length);
        return Nd4j.createFromArray(slice);
    }

    private static INDArray labelRows(float[][] labels, int start, int end, OutputKind kind) {
        INDArray rows = rows(labels, start, end);
        return kind == OutputKind.MULTI_LABEL ? rows : rows.reshape(end - start);
    }

    private static EvaluationAccumulator roundTrip(EvaluationAccumulator accumulator) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(accumulator);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (EvaluationAccumulator) in.readObject();
        }
    }
}
