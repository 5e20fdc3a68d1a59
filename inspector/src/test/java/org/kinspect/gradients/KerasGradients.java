package org.kinspect.gradients;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's own gradients for a fixture, as {@code make_gradient_fixtures.py} wrote them with torch's
 * autodiff: inputs, input gradients, layer-output gradients and weight gradients.
 */
record KerasGradients(int unit, Map<String, INDArray> inputs, Map<String, INDArray> outputs,
        Map<String, INDArray> inputGradients, Map<String, INDArray> activationGradients,
        Map<String, Map<String, INDArray>> weightGradients) {

    static KerasGradients read(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            int unit = ((Number) hdf.getAttribute("unit").getData()).intValue();
            Map<String, Map<String, INDArray>> weights = new LinkedHashMap<>();
            for (Map.Entry<String, Node> layer : ((Group) hdf.getChild("weight_gradients")).getChildren().entrySet()) {
                weights.put(layer.getKey(), arrays((Group) layer.getValue()));
            }
            return new KerasGradients(unit, arrays((Group) hdf.getChild("inputs")),
                    arrays((Group) hdf.getChild("outputs")), arrays((Group) hdf.getChild("input_gradients")),
                    arrays((Group) hdf.getChild("activation_gradients")), weights);
        }
    }

    private static Map<String, INDArray> arrays(Group group) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        addArrays(group, "", arrays);
        return arrays;
    }

    /** A weight of a sublayer (MultiHeadAttention's {@code query/kernel}) sits in a group of its own. */
    private static void addArrays(Group group, String prefix, Map<String, INDArray> arrays) {
        for (Map.Entry<String, Node> child : group.getChildren().entrySet()) {
            if (child.getValue() instanceof Group inner) {
                addArrays(inner, prefix + child.getKey() + "/", arrays);
                continue;
            }
            Dataset dataset = (Dataset) child.getValue();
            arrays.put(prefix + child.getKey(), Nd4j.create((float[]) dataset.getDataFlat(),
                    dataset.getDimensionsAsLong(), 'c'));
        }
    }
}
