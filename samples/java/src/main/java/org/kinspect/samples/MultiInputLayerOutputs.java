package org.kinspect.samples;

import java.nio.file.Path;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-input model: give each input by its Keras name, read any layer's output by its Keras name.
 *
 * <pre>
 * javac -cp cli/target/kinspect.jar -d target/samples samples/java/src/main/java/org/kinspect/samples/*.java
 * java -cp cli/target/kinspect.jar:target/samples org.kinspect.samples.MultiInputLayerOutputs samples/models
 * </pre>
 */
public final class MultiInputLayerOutputs {

    private MultiInputLayerOutputs() {}

    /** @param args the folder holding two_inputs.keras and its two input files */
    public static void main(String[] args) {
        Path models = Path.of(args.length > 0 ? args[0] : "samples/models");
        InspectedModel model = InspectedModel.open(models.resolve("two_inputs.keras"));
        Map<String, INDArray> inputs = Map.of(
                "image", NpyFile.read(models.resolve("two_inputs_image.npy")), // (2, 8, 8, 1): channels last
                "meta", NpyFile.read(models.resolve("two_inputs_meta.npy")));   // (2, 3)

        INDArray featureMaps = model.activation("conv", inputs); // (2, 6, 6, 4), Keras's layout
        System.out.println("conv feature maps " + java.util.Arrays.toString(featureMaps.shape()));
        Map<String, INDArray> all = model.activations(inputs);
        all.forEach((layer, output) -> System.out.printf("%-12s %s%n", layer, java.util.Arrays.toString(output.shape())));
        System.out.println("conv kernel " + java.util.Arrays.toString(model.weights("conv").get("kernel").shape()));
    }
}
