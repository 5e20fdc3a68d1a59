package org.kinspect.graph.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a model on the inputs of a Keras reference file ({@code *_io.h5}) and checks every layer
 * Keras recorded within 1e-5 (relative to the value when it is above 1), printing each layer's
 * largest errors. Tests of other packages use it too, with {@link #resource} for their fixtures.
 */
public final class KerasReferenceCheck {
    static final double TOLERANCE = 1e-5;

    private KerasReferenceCheck() {}

    /**
     * @param model the model file
     * @param referenceFile Keras's numbers for it
     * @param knownDifferences layers not compared, each with the reason it differs from Keras
     * @return each compared layer's comparison
     */
    public static Map<String, LayerComparison> everyLayerMatches(Path model, Path referenceFile,
            Map<String, String> knownDifferences) {
        return everyLayerMatches(model, referenceFile, knownDifferences, TOLERANCE);
    }

    /**
     * As {@link #everyLayerMatches(Path, Path, Map)}, within another tolerance: for references
     * computed by other kernels than those that trained the model (a TensorFlow SavedModel run by
     * Keras 3's torch kernels).
     *
     * @param tolerance the largest error allowed, relative to the value when it is above 1
     */
    public static Map<String, LayerComparison> everyLayerMatches(Path model, Path referenceFile,
            Map<String, String> knownDifferences, double tolerance) {
        InspectedModel inspected = InspectedModel.open(model);
        KerasReference reference = KerasReference.read(referenceFile);
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        List<INDArray> given = new ArrayList<>(reference.inputs().values());
        for (int i = 0; i < inspected.inputNames().size(); i++) {
            String name = inspected.inputNames().get(i);
            inputs.put(name, reference.inputs().getOrDefault(name, given.get(i)));
        }
        Map<String, INDArray> ours = inspected.activations(inputs);
        assertFalse(reference.activations().isEmpty(), referenceFile + " has no activations");
        Map<String, LayerComparison> comparisons = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (var expected : reference.activations().entrySet()) {
            String layer = expected.getKey();
            if (knownDifferences.containsKey(layer)) {
                System.out.printf("%s: %s not compared: %s%n", model.getFileName(), layer, knownDifferences.get(layer));
                continue;
            }
            LayerComparison comparison = LayerComparison.compare(layer, ours.get(layer), expected.getValue(), tolerance);
            comparisons.put(layer, comparison);
            if (!comparison.matches()) {
                failures.add(layer + " ours " + Arrays.toString(comparison.ourShape()) + " keras "
                        + Arrays.toString(comparison.kerasShape()) + " max abs error " + comparison.maxAbsoluteError());
            }
        }
        StringBuilder errors = new StringBuilder();
        comparisons.forEach((layer, comparison) -> errors.append(String.format(" %s=%.1e/%.1e", layer,
                comparison.maxAbsoluteError(), comparison.maxRelativeError())));
        System.out.printf("%s: max abs/rel error by layer:%s%n", model.getFileName(), errors);
        assertTrue(failures.isEmpty(), model.getFileName() + ": " + String.join("; ", failures));
        return comparisons;
    }

    /**
     * @param path a test resource, from the resources root ({@code /ops/matmul.keras})
     * @return its file
     */
    public static Path resource(String path) {
        try {
            return Path.of(KerasReferenceCheck.class.getResource(path).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + path, e);
        }
    }
}
