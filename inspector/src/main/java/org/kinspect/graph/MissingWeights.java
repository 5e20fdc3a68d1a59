package org.kinspect.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;

/**
 * The error for a layer whose configuration gives it weights the file does not hold: it names the
 * layer, what it needs, where its weights were looked for and, when the file holds weights no layer
 * of the configuration uses (a renamed layer), those too. Never zeros in their place.
 *
 * <pre>{@code
 * // model.h5: the file holds no weights for layer 'dense_1' (Dense), which its configuration gives 2
 * // weights (DL4J: W [4, 3], b [1, 3]); it names no layer 'dense_1'; the file holds weights that no
 * // layer of the configuration uses: 'dense_l' (kernel, bias); the weights do not belong to ...
 * }</pre>
 */
final class MissingWeights {

    private MissingWeights() {}

    static KinspectException of(String source, KerasLayer layer, String kerasName, GraphVertex vertex,
            WeightStore weights, ModelSpec spec) {
        List<String> needed = new ArrayList<>();
        if (vertex != null && vertex.paramTable(false) != null) {
            vertex.paramTable(false).forEach((key, value) -> needed.add(key + " " + Arrays.toString(value.shape())));
        }
        String what = needed.isEmpty() ? layer.getNumParams() + " weights" : needed.size() + " weights (DL4J: "
                + String.join(", ", needed) + ")";
        String where = weights.lookedAt(kerasName).map(path -> "looked for them at " + path + ", which holds none")
                .orElse("it names no layer '" + kerasName + "'");
        // the Keras class, not the name kinspect registered its mapper under (kinspect.TimeDistributedSteps)
        String className = spec.layer(kerasName).map(LayerSpec::className).orElse(layer.getClassName());
        return KinspectException.modelFile(source + ": the file holds no weights for layer '" + kerasName + "' ("
                + className + "), which its configuration gives " + what + "; " + where
                + unused(weights, spec) + "; the weights do not belong to this configuration or the file is damaged"
                + " (kinspect never computes with zeros in their place)");
    }

    /** @return the layers the file holds weights for that the configuration does not have, as a clause */
    static String unused(WeightStore weights, ModelSpec spec) {
        List<String> unused = new ArrayList<>();
        for (LayerWeights layer : weights.layers().values()) {
            if (!layer.tensors().isEmpty() && spec.layer(layer.layerName()).isEmpty()) {
                unused.add("'" + layer.layerName() + "' (" + String.join(", ",
                        layer.tensors().stream().map(WeightTensor::name).toList()) + ")");
            }
        }
        unused.addAll(weights.unread());
        return unused.isEmpty() ? "" : "; the file holds weights that no layer of the configuration uses: "
                + String.join(", ", unused);
    }
}
