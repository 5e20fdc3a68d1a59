package org.kinspect.weights;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kinspect.config.ModelSpec;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.kinspect.file.WeightValues;

/**
 * What is odd about a model that still imports: weights that are NaN or infinite (a model saved
 * after its training diverged; every output that depends on them is NaN, which is worth knowing
 * before reading the numbers), and weights the file holds for layers its configuration does not
 * have, or that no layer read (they are not used). Each is one line, fit to be printed as it is.
 *
 * <pre>{@code
 * List<String> warnings = ModelWarnings.of(archive.weights(), spec);
 * // [layer 'dense_1': weight 'kernel' holds 3 NaN of its 50 values; what it computes will be NaN]
 * }</pre>
 */
public final class ModelWarnings {

    private ModelWarnings() {}

    /**
     * @param weights the weights the file holds
     * @param spec the model its configuration describes
     * @return one line per odd thing, in file order; empty for a sound model
     */
    public static List<String> of(WeightStore weights, ModelSpec spec) {
        List<String> warnings = new ArrayList<>();
        for (LayerWeights layer : weights.layers().values()) {
            if (spec.layer(layer.layerName()).isEmpty() && !layer.tensors().isEmpty()) {
                warnings.add("the file holds weights for layer '" + layer.layerName()
                        + "', which the model configuration does not have; they are not used");
            }
            for (WeightTensor tensor : layer.tensors()) {
                nonFinite(layer.layerName(), tensor).ifPresent(warnings::add);
            }
        }
        if (!weights.unread().isEmpty()) {
            warnings.add("the file holds weights that no layer of the model configuration reads: "
                    + String.join(", ", weights.unread()) + "; they are not used (do the weights belong to this"
                    + " configuration?)");
        }
        return List.copyOf(warnings);
    }

    private static java.util.Optional<String> nonFinite(String layer, WeightTensor tensor) {
        // Counted without a copy, and not at all when the import's copy found the values finite.
        WeightValues.NonFinite found = tensor.stored().nonFinite();
        if (found.none()) {
            return java.util.Optional.empty();
        }
        List<String> kinds = new ArrayList<>();
        if (found.nan() > 0) {
            kinds.add(found.nan() + " NaN");
        }
        if (found.infinite() > 0) {
            kinds.add(found.infinite() + " infinite");
        }
        return java.util.Optional.of(String.format(Locale.ROOT,
                "layer '%s': weight '%s' holds %s of its %d values; what the layer computes from them will be NaN or infinite",
                layer, tensor.name(), String.join(" and ", kinds), tensor.length()));
    }
}
