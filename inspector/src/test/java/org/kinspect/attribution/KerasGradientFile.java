package org.kinspect.attribution;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads the arrays of a gradient fixture ({@code make_gradient_fixtures.py}) the attribution tests need. */
final class KerasGradientFile {
    private KerasGradientFile() {
    }

    static Map<String, INDArray> inputs(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, Node> child : ((Group) hdf.getChild("inputs")).getChildren().entrySet()) {
                arrays.put(child.getKey(), array((Dataset) child.getValue()));
            }
            return arrays;
        }
    }

    static INDArray inputGradient(Path file, String input) {
        return read(file, "input_gradients/" + input);
    }

    static INDArray activationGradient(Path file, String layer) {
        return read(file, "activation_gradients/" + layer);
    }

    private static INDArray read(Path file, String path) {
        try (HdfFile hdf = new HdfFile(file)) {
            return array(hdf.getDatasetByPath(path));
        }
    }

    private static INDArray array(Dataset dataset) {
        return Nd4j.create((float[]) dataset.getDataFlat(), dataset.getDimensionsAsLong(), 'c');
    }
}
