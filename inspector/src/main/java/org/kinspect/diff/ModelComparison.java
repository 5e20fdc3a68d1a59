package org.kinspect.diff;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The comparison of two models' outputs, layer by layer, accumulated batch by batch: for each
 * layer the max and mean absolute and relative difference and the cosine similarity over every
 * value of every example (see {@link LayerDifference}), in memory that does not grow with the
 * number of examples (a few extremes and exact sums per layer).
 *
 * <p>Mergeable: two comparisons of the same layers, each fed part of the examples (a partition on
 * another machine, say), {@link #merge merged}, give <em>exactly</em> the result of one comparison
 * fed all of them, in any order and however they were split into batches: each example's sums are
 * computed on their own and then added without rounding ({@link ExactSum}), and maxima and counts
 * combine exactly. It is {@link Serializable} to travel between machines.
 * {@link ModelDiffer} runs the models and feeds one.
 *
 * <pre>{@code
 * ModelComparison comparison = new ModelComparison(List.of("lstm_1", "dense_1"), Map.of("lstm_1", 0.05), 1e-5);
 * for (Map<String, INDArray> batch : batches) {
 *     comparison.add(a.activations(batch, layers), b.activations(batch, layers));
 * }
 * ModelComparison other = ...;       // fed the other examples elsewhere
 * comparison.merge(other);
 * ModelDifference difference = comparison.result(List.of());
 * }</pre>
 */
public final class ModelComparison implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The default tolerance: the rule of {@code kinspect verify}. */
    public static final double DEFAULT_TOLERANCE = 1e-5;

    private final List<String> layers;
    private final LinkedHashMap<String, Double> weightChanges;
    private final double tolerance;
    private final LinkedHashMap<String, long[]> exampleShapes = new LinkedHashMap<>();
    private final LinkedHashMap<String, DifferenceSums> sums = new LinkedHashMap<>();
    private long examples;

    /**
     * @param layers the layers to compare, in the order to report them (model A's)
     * @param weightChanges each layer's {@code ||W_b - W_a|| / ||W_a||}, for the layers with weights in both
     * @param tolerance a layer diverges when its max relative difference is above it
     */
    public ModelComparison(List<String> layers, Map<String, Double> weightChanges, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " is not 0 or more");
        }
        this.layers = List.copyOf(layers);
        this.weightChanges = new LinkedHashMap<>(weightChanges);
        this.tolerance = tolerance;
        for (String layer : this.layers) {
            sums.put(layer, new DifferenceSums());
        }
    }

    /**
     * Adds one batch: the same examples run through both models.
     *
     * @param outputsA model A's output of every layer compared, keyed by layer name, Keras's layout
     * @param outputsB model B's, the same shapes
     * @throws IllegalArgumentException when a layer is missing or the shapes differ
     */
    public void add(Map<String, INDArray> outputsA, Map<String, INDArray> outputsB) {
        long rows = -1;
        for (String layer : layers) {
            INDArray a = outputsA.get(layer);
            INDArray b = outputsB.get(layer);
            if (a == null || b == null) {
                throw new IllegalArgumentException("no output of layer '" + layer + "' from model " + (a == null ? "A" : "B"));
            }
            if (!Arrays.equals(a.shape(), b.shape())) {
                throw new IllegalArgumentException("layer '" + layer + "' gives " + Arrays.toString(a.shape()) + " in A, "
                        + Arrays.toString(b.shape()) + " in B");
            }
            long[] exampleShape = LayerValues.exampleShape(a);
            long[] known = exampleShapes.putIfAbsent(layer, exampleShape);
            if (known != null && !Arrays.equals(known, exampleShape)) {
                throw new IllegalArgumentException("layer '" + layer + "' gives examples of shape "
                        + Arrays.toString(exampleShape) + " after " + Arrays.toString(known));
            }
            int size = LayerValues.rows(a);
            if (rows >= 0 && rows != size) {
                throw new IllegalArgumentException("layer '" + layer + "' has " + size + " rows, another " + rows);
            }
            rows = size;
            float[] valuesA = LayerValues.of(a);
            float[] valuesB = LayerValues.of(b);
            int perExample = size == 0 ? 0 : valuesA.length / size;
            DifferenceSums layerSums = sums.get(layer);
            for (int example = 0; example < size; example++) {
                layerSums.addExample(valuesA, valuesB, example * perExample, perExample);
            }
        }
        examples += Math.max(rows, 0);
    }

    /**
     * Adds another comparison's examples to this one's: the result is exactly that of one
     * comparison fed both's examples.
     *
     * @param other a comparison of the same layers with the same tolerance; it is unchanged
     * @throws IllegalArgumentException when it compares other layers, other shapes or another tolerance
     */
    public void merge(ModelComparison other) {
        if (!layers.equals(other.layers) || Double.compare(tolerance, other.tolerance) != 0) {
            throw new IllegalArgumentException("cannot merge a comparison of " + other.layers + " (tolerance "
                    + other.tolerance + ") into one of " + layers + " (tolerance " + tolerance + ")");
        }
        for (Map.Entry<String, long[]> shape : other.exampleShapes.entrySet()) {
            long[] known = exampleShapes.putIfAbsent(shape.getKey(), shape.getValue());
            if (known != null && !Arrays.equals(known, shape.getValue())) {
                throw new IllegalArgumentException("layer '" + shape.getKey() + "' has examples of shape "
                        + Arrays.toString(shape.getValue()) + " there, " + Arrays.toString(known) + " here");
            }
        }
        for (String layer : layers) {
            sums.get(layer).merge(other.sums.get(layer));
        }
        examples += other.examples;
    }

    /** @return how many examples were added */
    public long examples() {
        return examples;
    }

    /** @return the layers compared, in order */
    public List<String> layers() {
        return layers;
    }

    /**
     * @param unmatched the layers that could not be compared, to report with the others
     * @return the difference so far
     */
    public ModelDifference result(List<UnmatchedLayer> unmatched) {
        List<LayerDifference> results = new ArrayList<>();
        for (String layer : layers) {
            results.add(sums.get(layer).result(layer, exampleShapes.getOrDefault(layer, new long[0]),
                    weightChanges.getOrDefault(layer, Double.NaN), tolerance));
        }
        return new ModelDifference(examples, tolerance, results, unmatched);
    }
}
