package org.kinspect.recurrent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.kinspect.Corpus;
import org.kinspect.InspectedModel;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Where the state tests find real Keras models and Keras's numbers for them. */
final class KerasStates {
    static final double TOLERANCE = 1e-5;

    private KerasStates() {}

    /** @return a file made by {@code src/test/resources/states/make_states.py} */
    static Path fixture(String fileName) {
        return resource("/states/" + fileName);
    }

    static Path resource(String path) {
        try {
            var url = KerasStates.class.getResource(path);
            assertNotNull(url, "no test resource " + path);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a model of {@code ../shared/corpus/public-models} (skips the test when the corpus is absent) */
    static Path publicModel(String fileName) {
        return Corpus.root().resolve("public-models").resolve(fileName);
    }

    /** Runs the model on the reference's inputs: every layer output Keras recorded must match. */
    static void assertEveryLayerMatches(Path modelFile, Path referenceFile) {
        InspectedModel model = InspectedModel.open(modelFile);
        KerasReference reference = KerasReference.read(referenceFile);
        Map<String, INDArray> ours = model.activations(reference.inputs());
        assertFalse(reference.activations().isEmpty(), "the reference has no activations");
        List<String> failures = new ArrayList<>();
        for (var expected : reference.activations().entrySet()) {
            LayerComparison comparison = LayerComparison.compare(expected.getKey(), ours.get(expected.getKey()),
                    expected.getValue(), TOLERANCE);
            if (!comparison.matches()) {
                failures.add(expected.getKey() + " ours " + Arrays.toString(comparison.ourShape()) + " keras "
                        + Arrays.toString(comparison.kerasShape()) + " max abs error " + comparison.maxAbsoluteError());
            }
        }
        assertTrue(failures.isEmpty(), modelFile.getFileName() + ": " + String.join("; ", failures));
    }
}
