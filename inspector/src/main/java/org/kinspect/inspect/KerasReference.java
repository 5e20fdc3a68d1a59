package org.kinspect.inspect;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's own numbers for a model: the inputs it was given and every layer's output, as written by
 * {@code python/kinspect_reference.py} (docs/reference-format.md) and found in the corpus ({@code inputs/NAME}, {@code activations/LAYER}).
 *
 * <pre>{@code
 * KerasReference reference = KerasReference.read(Path.of("model_io.h5"));
 * Map<String, INDArray> ours = model.activations(reference.inputs());
 * }</pre>
 *
 * @param inputs the inputs Keras was given, by input layer name
 * @param activations every layer's output Keras computed, by layer name (a layer's extra outputs
 *     as {@code LAYER__1}, {@code LAYER__2}), and the model outputs not among them (the results
 *     of operation layers, which Keras 3 does not list as layers)
 */
public record KerasReference(Map<String, INDArray> inputs, Map<String, INDArray> activations) {

    /**
     * @param file a reference file
     * @return its inputs and activations
     * @throws KinspectException when the file is missing or has no {@code inputs/} group
     */
    public static KerasReference read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw KinspectException.input(file + ": no such reference file");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            if (!(hdf.getChild("inputs") instanceof Group inputs)) {
                throw KinspectException.input(file + ": not a reference file (no inputs/ group with Keras's inputs)");
            }
            // Some older corpus files recorded only the model outputs; and Keras 3 lists no operation
            // layers (x + 1, ops.mean) among a model's layers, so their results are there as outputs only.
            Map<String, INDArray> activations = hdf.getChild("activations") instanceof Group group
                    ? arrays(group) : new LinkedHashMap<>();
            if (hdf.getChild("outputs") instanceof Group outputs) {
                arrays(outputs).forEach(activations::putIfAbsent);
            }
            return new KerasReference(arrays(inputs), activations);
        } catch (HdfException e) {
            throw KinspectException.input(file + ": the reference file is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, INDArray> arrays(Group group) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, Node> child : group.getChildren().entrySet()) {
            if (child.getValue() instanceof Dataset dataset) {
                arrays.put(child.getKey(), toArray(dataset));
            }
        }
        return arrays;
    }

    private static INDArray toArray(Dataset dataset) {
        Object flat = dataset.getDataFlat();
        long[] shape = dataset.getDimensionsAsLong();
        if (flat instanceof float[] floats) return Nd4j.create(floats, shape, 'c');
        if (flat instanceof double[] doubles) return Nd4j.create(doubles, shape, 'c').castTo(DataType.FLOAT);
        if (flat instanceof int[] ints) return Nd4j.createFromArray(ints).reshape(shape).castTo(DataType.FLOAT);
        if (flat instanceof long[] longs) return Nd4j.createFromArray(longs).reshape(shape).castTo(DataType.FLOAT);
        throw KinspectException.input(dataset.getPath() + ": not numbers");
    }
}
