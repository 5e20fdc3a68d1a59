package org.kinspect.diff;

import java.io.Serial;
import java.io.Serializable;

/**
 * One layer's running comparison between two models: extremes and exact sums, added one example
 * at a time (each example's own sums in a fixed order, then added exactly), so the result does not
 * depend on how the examples were split into batches or partitions.
 */
final class DifferenceSums implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private long values;
    private long nonFinite;
    private double maxAbsolute;
    private double maxRelative;
    private final ExactSum absolute = new ExactSum();
    private final ExactSum relative = new ExactSum();
    private final ExactSum products = new ExactSum();
    private final ExactSum squaresA = new ExactSum();
    private final ExactSum squaresB = new ExactSum();

    /** Adds one example's values, {@code length} of them from {@code offset}, of both models. */
    void addExample(float[] a, float[] b, int offset, int length) {
        double sumAbsolute = 0;
        double sumRelative = 0;
        double sumProducts = 0;
        double sumSquaresA = 0;
        double sumSquaresB = 0;
        long finite = 0;
        for (int index = offset; index < offset + length; index++) {
            double x = a[index];
            double y = b[index];
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                // the same NaN or infinity in both agrees; they are left out of the sums either way
                if (Double.compare(x, y) != 0) {
                    nonFinite++;
                }
                continue;
            }
            finite++;
            double difference = Math.abs(y - x);
            double relativeDifference = difference / Math.max(1.0, Math.abs(x));
            if (difference > maxAbsolute) maxAbsolute = difference;
            if (relativeDifference > maxRelative) maxRelative = relativeDifference;
            sumAbsolute += difference;
            sumRelative += relativeDifference;
            sumProducts += x * y;
            sumSquaresA += x * x;
            sumSquaresB += y * y;
        }
        values += finite;
        absolute.add(sumAbsolute);
        relative.add(sumRelative);
        products.add(sumProducts);
        squaresA.add(sumSquaresA);
        squaresB.add(sumSquaresB);
    }

    void merge(DifferenceSums other) {
        values += other.values;
        nonFinite += other.nonFinite;
        maxAbsolute = Math.max(maxAbsolute, other.maxAbsolute);
        maxRelative = Math.max(maxRelative, other.maxRelative);
        absolute.add(other.absolute);
        relative.add(other.relative);
        products.add(other.products);
        squaresA.add(other.squaresA);
        squaresB.add(other.squaresB);
    }

    LayerDifference result(String name, long[] exampleShape, double weightChange, double tolerance) {
        double normA = squaresA.value();
        double normB = squaresB.value();
        double cosine;
        if (normA == 0 && normB == 0) {
            cosine = values == 0 ? Double.NaN : 1;
        } else if (normA == 0 || normB == 0) {
            cosine = 0;
        } else {
            cosine = products.value() / Math.sqrt(normA) / Math.sqrt(normB);
        }
        double meanAbsolute = values == 0 ? Double.NaN : absolute.value() / values;
        double meanRelative = values == 0 ? Double.NaN : relative.value() / values;
        double max = values == 0 ? Double.NaN : maxAbsolute;
        double maxRel = values == 0 ? Double.NaN : maxRelative;
        boolean divergent = nonFinite > 0 || maxRelative > tolerance;
        return new LayerDifference(name, exampleShape, values, nonFinite, max, meanAbsolute, maxRel, meanRelative,
                cosine, weightChange, divergent);
    }
}
