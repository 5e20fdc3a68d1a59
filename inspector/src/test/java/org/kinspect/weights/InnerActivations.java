package org.kinspect.weights;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
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
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks the layers inside a model's nested models against Keras 3's numbers for them, which
 * {@code tfkeras_zip/make_tfkeras_zips.py} writes as {@code inner_activations/<i>} with the layer's
 * kinspect name ({@code outer/inner/layer}) as attribute {@code layer}.
 */
final class InnerActivations {
    static final double TOLERANCE = 1e-5;

    private InnerActivations() {}

    /** @return how many inner layers were compared (all matched) */
    static int everyInnerLayerMatches(Path model, Path referenceFile) {
        InspectedModel inspected = InspectedModel.open(model);
        KerasReference reference = KerasReference.read(referenceFile);
        Map<String, INDArray> expected = read(referenceFile);
        Map<String, INDArray> ours = inspected.activations(new ArrayList<>(reference.inputs().values()).get(0));
        List<String> failures = new ArrayList<>();
        for (var layer : expected.entrySet()) {
            LayerComparison comparison = LayerComparison.compare(layer.getKey(), ours.get(layer.getKey()),
                    layer.getValue(), TOLERANCE);
            if (!comparison.matches()) {
                failures.add(layer.getKey() + " ours " + Arrays.toString(comparison.ourShape()) + " keras "
                        + Arrays.toString(comparison.kerasShape()) + " max abs error " + comparison.maxAbsoluteError());
            }
        }
        assertTrue(failures.isEmpty(), model.getFileName() + ": " + String.join("; ", failures));
        return expected.size();
    }

    private static Map<String, INDArray> read(Path referenceFile) {
        Map<String, INDArray> layers = new LinkedHashMap<>();
        try (HdfFile file = new HdfFile(referenceFile)) {
            if (file.getChild("inner_activations") instanceof Group group) {
                for (Node node : group.getChildren().values()) {
                    Dataset dataset = (Dataset) node;
                    Object name = dataset.getAttribute("layer").getData();
                    layers.put(name instanceof String[] names ? names[0] : String.valueOf(name),
                            Nd4j.create((float[]) dataset.getDataFlat(), dataset.getDimensionsAsLong(), 'c'));
                }
            }
        }
        assertFalse(layers.isEmpty(), referenceFile + " has no inner activations");
        return layers;
    }
}
