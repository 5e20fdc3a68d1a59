package org.kinspect.samples;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Model in model: the layers inside a nested model are named {@code MODEL/LAYER}; a nested model
 * called twice (a Siamese encoder) gives its second call's layers as {@code MODEL@1/LAYER}, and its
 * weights once, under the first call's names.
 *
 * <pre>
 * javac -cp cli/target/kinspect.jar -d target/samples samples/java/src/main/java/org/kinspect/samples/*.java
 * java -cp cli/target/kinspect.jar:target/samples org.kinspect.samples.NestedModelLayerOutputs samples/models
 * </pre>
 */
public final class NestedModelLayerOutputs {

    private NestedModelLayerOutputs() {}

    /** @param args the folder holding siamese_heads.keras and its two input files */
    public static void main(String[] args) {
        Path models = Path.of(args.length > 0 ? args[0] : "samples/models");
        InspectedModel model = InspectedModel.open(models.resolve("siamese_heads.keras"));
        Map<String, INDArray> inputs = Map.of(
                "left", NpyFile.read(models.resolve("siamese_left.npy")),
                "right", NpyFile.read(models.resolve("siamese_right.npy")));

        Map<String, INDArray> all = model.activations(inputs);
        INDArray leftCode = all.get("encoder/enc_code");     // the encoder's inner layer, first call (left)
        INDArray rightCode = all.get("encoder@1/enc_code");  // the same layer, second call (right)
        System.out.println("encoder/enc_code " + Arrays.toString(leftCode.shape()) + " for left, "
                + "encoder@1/enc_code " + Arrays.toString(rightCode.shape()) + " for right");
        System.out.println("difference = left code - right code: "
                + leftCode.sub(rightCode).equalsWithEps(all.get("difference"), 1e-6));
        Map<String, INDArray> weights = model.weights("encoder/enc_hidden");
        weights.forEach((name, value) -> System.out.println("encoder/enc_hidden " + name + " "
                + Arrays.toString(value.shape())));
        System.out.println("weights of encoder@1/enc_hidden: " + model.weights("encoder@1/enc_hidden").size()
                + " (shared with the first call)");
    }
}
