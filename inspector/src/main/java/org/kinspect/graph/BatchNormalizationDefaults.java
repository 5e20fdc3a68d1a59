package org.kinspect.graph;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.layers.normalization.KerasBatchNormalization;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightTensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A BatchNormalization layer with {@code center=False} has no {@code beta} and one with
 * {@code scale=False} no {@code gamma}, but DL4J's layer has both (and its mapper reads beta's
 * shape even when it is absent). Keras computes with beta 0 and gamma 1 then, so those are added.
 */
final class BatchNormalizationDefaults {
    private static final String SCALE_FALSE = "(scale=False: Keras computes with gamma 1)";
    private static final String CENTER_FALSE = "(center=False: Keras computes with beta 0)";

    private BatchNormalizationDefaults() {}

    /** @return true for a weight {@link #completed} added, not read from the file */
    static boolean isConstant(WeightTensor tensor) {
        return tensor.path().equals(SCALE_FALSE) || tensor.path().equals(CENTER_FALSE);
    }

    /**
     * @param layer the DL4J mapper the weights are for
     * @param stored the layer's weights from the file
     * @param source the model file, for messages
     * @return the same weights, with beta 0 and gamma 1 added to a BatchNormalization whose
     *     configuration has none ({@code center=False}, {@code scale=False})
     * @throws KinspectException when the configuration has gamma or beta and the file does not
     */
    static LayerWeights completed(KerasLayer layer, LayerWeights stored, String source) {
        WeightTensor mean = stored.byName().get("moving_mean");
        if (!(layer instanceof KerasBatchNormalization normalization) || mean == null) {
            return stored;
        }
        List<WeightTensor> tensors = new ArrayList<>(stored.tensors());
        INDArray values = mean.values();
        if (!stored.byName().containsKey("gamma")) {
            requireAbsent(normalization.isScale(), "gamma", "scale", stored, source);
            tensors.add(new WeightTensor("gamma", SCALE_FALSE, Nd4j.onesLike(values)));
        }
        if (!stored.byName().containsKey("beta")) {
            requireAbsent(normalization.isCenter(), "beta", "center", stored, source);
            tensors.add(new WeightTensor("beta", CENTER_FALSE, Nd4j.zerosLike(values)));
        }
        return new LayerWeights(stored.layerName(), tensors);
    }

    /** A weight the configuration has but the file lacks is not made up: Keras would have saved it. */
    private static void requireAbsent(boolean configured, String weight, String flag, LayerWeights stored,
            String source) {
        if (configured) {
            throw KinspectException.modelFile(source + ": layer '" + stored.layerName() + "' (BatchNormalization): the file"
                    + " has no " + weight + " for it (only " + String.join(", ", stored.byName().keySet())
                    + "), but its configuration has " + flag + "=True, so Keras saved one; the file is damaged or"
                    + " holds another model's weights");
        }
    }
}
