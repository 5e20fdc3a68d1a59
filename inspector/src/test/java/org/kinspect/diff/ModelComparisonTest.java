package org.kinspect.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The comparison's numbers against a direct computation on the full arrays. */
class ModelComparisonTest {
    private static final List<String> LAYERS = List.of("same", "close", "far");

    /** Outputs of "model A" and "model B": the same, within 1e-7, and far apart. */
    private static List<Map<String, INDArray>> models(Random random, int examples, double offset) {
        INDArray same = random(random, new long[] {examples, 4, 3}, offset, 1);
        INDArray close = random(random, new long[] {examples, 6}, offset, 50);
        INDArray far = random(random, new long[] {examples, 5}, offset, 1);
        Map<String, INDArray> a = new LinkedHashMap<>();
        a.put("same", same);
        a.put("close", close);
        a.put("far", far);
        Map<String, INDArray> b = new LinkedHashMap<>();
        b.put("same", same.dup());
        b.put("close", close.add(random(random, close.shape(), 0, 1e-6)));
        b.put("far", far.mul(-0.5).add(random(random, far.shape(), 0, 0.3)));
        return List.of(a, b);
    }

    private static INDArray random(Random random, long[] shape, double offset, double scale) {
        INDArray array = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
        float[] values = new float[(int) array.length()];
        for (int index = 0; index < values.length; index++) {
            values[index] = (float) (offset + scale * random.nextGaussian());
        }
        return Nd4j.create(values, shape, 'c');
    }

    private static Map<String, INDArray> rows(Map<String, INDArray> outputs, long from, long to) {
        Map<String, INDArray> part = new LinkedHashMap<>();
        outputs.forEach((name, array) -> part.put(name, array.get(NDArrayIndex.interval(from, to)).dup('c')));
        return part;
    }

    private static ModelComparison fed(List<Map<String, INDArray>> models, long from, long to, int batch) {
        ModelComparison comparison = new ModelComparison(LAYERS, Map.of("close", 0.25), 1e-5);
        for (long start = from; start < to; start += batch) {
            long end = Math.min(to, start + batch);
            comparison.add(rows(models.get(0), start, end), rows(models.get(1), start, end));
        }
        return comparison;
    }

    @Test
    void everyLayerMatchesADirectComputationOnTheFullArrays() {
        List<Map<String, INDArray>> models = models(new Random(7), 130, 0.3);
        ModelDifference difference = fed(models, 0, 130, 32).result(List.of(new UnmatchedLayer("extra", "B", "only in B")));
        assertEquals(130, difference.examples());
        for (String layer : LAYERS) {
            float[] a = models.get(0).get(layer).data().asFloat();
            float[] b = models.get(1).get(layer).data().asFloat();
            double maxAbs = 0, maxRel = 0, sumAbs = 0, sumRel = 0, ab = 0, aa = 0, bb = 0;
            for (int index = 0; index < a.length; index++) {
                double d = Math.abs((double) b[index] - a[index]);
                double r = d / Math.max(1, Math.abs(a[index]));
                maxAbs = Math.max(maxAbs, d);
                maxRel = Math.max(maxRel, r);
                sumAbs += d;
                sumRel += r;
                ab += (double) a[index] * b[index];
                aa += (double) a[index] * a[index];
                bb += (double) b[index] * b[index];
            }
            LayerDifference result = difference.layer(layer).orElseThrow();
            assertEquals(a.length, result.values());
            assertEquals(maxAbs, result.maxAbsoluteDifference(), 0, layer);
            assertEquals(maxRel, result.maxRelativeDifference(), 0, layer);
            assertEquals(sumAbs / a.length, result.meanAbsoluteDifference(), 1e-12 * Math.max(1, sumAbs / a.length), layer);
            assertEquals(sumRel / a.length, result.meanRelativeDifference(), 1e-12 * Math.max(1, sumRel / a.length), layer);
            assertEquals(ab / Math.sqrt(aa * bb), result.cosine(), 1e-12, layer);
        }
        assertEquals(0.0, difference.layer("same").orElseThrow().maxAbsoluteDifference());
        assertEquals(1.0, difference.layer("same").orElseThrow().cosine(), 1e-15);
        assertFalse(difference.layer("close").orElseThrow().divergent());
        assertTrue(difference.layer("far").orElseThrow().divergent());
        assertEquals("far", difference.firstDivergentLayer().orElseThrow());
        assertEquals(0.25, difference.layer("close").orElseThrow().weightRelativeChange());
        assertFalse(difference.layer("far").orElseThrow().hasWeightChange());
        assertEquals("extra", difference.unmatched().get(0).name());
    }

    @Test
    void mergedPartitionsGiveExactlyTheResultOfOnePass() throws Exception {
        List<Map<String, INDArray>> models = models(new Random(8), 100, 5000);
        ModelDifference onePass = fed(models, 0, 100, 100).result(List.of());
        ModelComparison first = fed(models, 0, 37, 5);
        ModelComparison second = fed(models, 37, 100, 13);
        ModelComparison merged = ActivationShiftTest.roundTrip(second);
        merged.merge(first);
        ModelDifference result = merged.result(List.of());
        assertEquals(onePass.examples(), result.examples());
        for (int index = 0; index < LAYERS.size(); index++) {
            LayerDifference a = onePass.layers().get(index);
            LayerDifference b = result.layers().get(index);
            assertEquals(a.maxAbsoluteDifference(), b.maxAbsoluteDifference());
            assertEquals(a.meanAbsoluteDifference(), b.meanAbsoluteDifference());
            assertEquals(a.maxRelativeDifference(), b.maxRelativeDifference());
            assertEquals(a.meanRelativeDifference(), b.meanRelativeDifference());
            assertEquals(a.cosine(), b.cosine());
            assertEquals(a.values(), b.values());
        }
    }

    @Test
    void stateSizeDoesNotDependOnTheNumberOfExamples() throws IOException {
        List<Map<String, INDArray>> models = models(new Random(10), 1000, 0);
        assertEquals(ExactSumTest.serializedSize(fed(models, 0, 10, 10)),
                ExactSumTest.serializedSize(fed(models, 0, 1000, 100)));
    }

    @Test
    void theSameNanInBothAgreesAndANanInOneDiverges() {
        INDArray a = Nd4j.create(new float[] {1, Float.NaN, 3, 4}, new long[] {2, 2}, 'c');
        INDArray same = a.dup();
        INDArray other = Nd4j.create(new float[] {1, 2, 3, Float.NaN}, new long[] {2, 2}, 'c');
        ModelComparison agreeing = new ModelComparison(List.of("x"), Map.of(), 1e-5);
        agreeing.add(Map.of("x", a), Map.of("x", same));
        assertFalse(agreeing.result(new ArrayList<>()).layers().get(0).divergent());
        ModelComparison disagreeing = new ModelComparison(List.of("x"), Map.of(), 1e-5);
        disagreeing.add(Map.of("x", a), Map.of("x", other));
        LayerDifference layer = disagreeing.result(List.of()).layers().get(0);
        assertEquals(2, layer.nonFinite());
        assertTrue(layer.divergent());
    }
}
