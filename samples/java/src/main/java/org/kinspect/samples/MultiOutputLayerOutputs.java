package org.kinspect.samples;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-output model: each output is a layer like any other, read by its Keras name; the model's
 * outputs are listed in Keras's order.
 *
 * <pre>
 * javac -cp cli/target/kinspect.jar -d target/samples samples/java/src/main/java/org/kinspect/samples/*.java
 * java -cp cli/target/kinspect.jar:target/samples org.kinspect.samples.MultiOutputLayerOutputs samples/models
 * </pre>
 */
public final class MultiOutputLayerOutputs {

    private MultiOutputLayerOutputs() {}

    /** @param args the folder holding siamese_heads.keras and its two input files */
    public static void main(String[] args) {
        Path models = Path.of(args.length > 0 ? args[0] : "samples/models");
        InspectedModel model = InspectedModel.open(models.resolve("siamese_heads.keras"));
        Map<String, INDArray> inputs = Map.of(
                "left", NpyFile.read(models.resolve("siamese_left.npy")),    // (3, 6)
                "right", NpyFile.read(models.resolve("siamese_right.npy")));  // (3, 6)

        Map<String, INDArray> all = model.activations(inputs);
        for (String output : model.outputLayerNames()) {           // same, distance
            INDArray values = all.get(output);
            System.out.println("output " + output + " " + Arrays.toString(values.shape()) + ": "
                    + Arrays.toString(values.data().asFloat()));
        }
    }
}
