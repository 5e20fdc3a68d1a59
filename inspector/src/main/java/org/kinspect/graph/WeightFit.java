package org.kinspect.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightTensor;
import org.kinspect.graph.base.ExtraStoredWeights;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks that a layer's weights from the file fit the layer its configuration describes, before
 * they are copied into DL4J. DL4J copies with {@code assign}, which broadcasts, reshapes whatever
 * has the right number of values, or reaches native code with shapes it does not expect: a file
 * whose weights do not belong to its configuration would give wrong outputs without a word, or
 * take the JVM down.
 *
 * <p>Two checks: the file holds as many values for the layer as the DL4J layer has parameters (a
 * kernel with extra columns cannot slip through as a slice), and each parameter converted by DL4J's
 * mapper has as many values as DL4J allocated for it. Matrices and vectors must also have the same
 * shape up to axes of size 1, so that a transposed Dense kernel is not reshaped into the wrong
 * order. Kernels of higher rank are not compared: DL4J's mappers hand some over in another shape
 * of the same size on purpose (a Conv1D kernel as {@code [k, in, out, 1]} for
 * {@code [out, in, k, 1]}), and {@code copyWeightsToLayer} reshapes them.
 *
 * <pre>{@code
 * layer.setWeights(byName);                       // DL4J's mapper converts the Keras tensors
 * WeightFit.check(layer, stored, graph.getVertex(name), "model.h5");
 * layer.copyWeightsToLayer(graph.getLayer(name)); // now safe
 * }</pre>
 */
final class WeightFit {

    private WeightFit() {}

    /**
     * @param layer the DL4J mapper of the Keras layer, after {@code setWeights}
     * @param stored the layer's weights as the file holds them
     * @param vertex the graph vertex the weights go into
     * @param source the model file, for messages
     * @throws KinspectException naming the layer and its weights when they do not fit
     */
    static void check(KerasLayer layer, LayerWeights stored, GraphVertex vertex, String source) {
        long given = 0;
        for (WeightTensor tensor : stored.tensors()) {
            given += tensor.length();
        }
        long needed = vertex.numParams()
                + (layer instanceof ExtraStoredWeights extra ? extra.extraStoredValues() : 0); // CuDNN's second bias
        if (given != needed) {
            throw mismatch(source, layer, stored, "hold " + given + " values, but the layer built from its "
                    + "configuration has " + needed + " parameters" + expected(vertex));
        }
        if (!vertex.hasLayer()) {
            return; // a packed vertex converts its own weights; the count above is what can be checked
        }
        Map<String, INDArray> converted = layer.getWeights();
        for (Map.Entry<String, INDArray> parameter : vertex.paramTable(false).entrySet()) {
            INDArray value = converted == null ? null : converted.get(parameter.getKey());
            if (value != null && !fits(value.shape(), parameter.getValue().shape())) {
                throw mismatch(source, layer, stored, "give DL4J parameter '" + parameter.getKey() + "' "
                        + value.length() + " values " + Arrays.toString(value.shape()) + ", but the layer built from "
                        + "its configuration has " + parameter.getValue().length() + " "
                        + Arrays.toString(parameter.getValue().shape()));
            }
        }
    }

    private static KinspectException mismatch(String source, KerasLayer layer, LayerWeights stored, String why) {
        List<String> tensors = new ArrayList<>();
        for (WeightTensor tensor : stored.tensors()) {
            tensors.add(tensor.name() + " " + Arrays.toString(tensor.shape()));
        }
        return KinspectException.modelFile(source + ": layer '" + stored.layerName() + "' (" + layer.getClassName()
                + "): its weights in the file (" + String.join(", ", tensors) + ") " + why
                + "; the file is damaged or holds another model's weights, or DL4J reads this layer's "
                + "configuration wrongly");
    }

    private static String expected(GraphVertex vertex) {
        if (!vertex.hasLayer()) {
            return "";
        }
        List<String> parameters = new ArrayList<>();
        vertex.paramTable(false).forEach((name, value) -> parameters.add(name + " " + Arrays.toString(value.shape())));
        return " (DL4J: " + String.join(", ", parameters) + ")";
    }

    private static boolean fits(long[] given, long[] wanted) {
        // Matrices and vectors (Dense, Embedding, recurrent kernels) must keep their shape: a transposed
        // kernel has the right count but is wrong. Convolution kernels are reordered by DL4J's own
        // copy, which reshapes by count (a Conv1D on one channel gives [k, 1, filters, 1] for DL4J's
        // [filters, 1, k, 1], and computes Keras's numbers), so only their count is checked.
        if (given.length <= 2 && wanted.length <= 2) {
            return Arrays.equals(withoutUnitAxes(given), withoutUnitAxes(wanted));
        }
        return Arrays.stream(given).reduce(1, Math::multiplyExact) == Arrays.stream(wanted).reduce(1, Math::multiplyExact);
    }

    private static long[] withoutUnitAxes(long[] shape) {
        return Arrays.stream(shape).filter(size -> size != 1).toArray();
    }
}
