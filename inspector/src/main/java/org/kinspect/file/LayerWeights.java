package org.kinspect.file;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of one Keras layer, in the order Keras lists them ({@code weight_names}).
 *
 * @param layerName the Keras layer name
 * @param tensors the weights in Keras's order
 */
public record LayerWeights(String layerName, List<WeightTensor> tensors) {

    public LayerWeights {
        tensors = List.copyOf(tensors);
    }

    /** @return the weights keyed by Keras weight name, in Keras's order */
    public Map<String, WeightTensor> byName() {
        Map<String, WeightTensor> byName = new LinkedHashMap<>();
        for (WeightTensor tensor : tensors) {
            byName.put(tensor.name(), tensor);
        }
        return Collections.unmodifiableMap(byName);
    }

    /** @return how many values all the weights hold together */
    public long parameterCount() {
        return tensors.stream().mapToLong(WeightTensor::length).sum();
    }
}
