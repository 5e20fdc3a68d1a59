package org.kinspect.file;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every layer's weights of a model file, keyed by Keras layer name.
 *
 * <pre>{@code
 * WeightStore weights = KerasFile.open(path).weights();
 * INDArray kernel = weights.layer("lstm_1").orElseThrow().byName().get("kernel").values();
 * }</pre>
 */
public final class WeightStore {
    private final Map<String, LayerWeights> layers;

    /** @param layers the layers' weights keyed by layer name, in file order */
    public WeightStore(Map<String, LayerWeights> layers) {
        this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }

    /** @return an empty store, for a model described by its configuration only */
    public static WeightStore empty() {
        return new WeightStore(Map.of());
    }

    /**
     * @param layerName a Keras layer name
     * @return that layer's weights, or empty when the file holds none for it
     */
    public Optional<LayerWeights> layer(String layerName) {
        return Optional.ofNullable(layers.get(layerName));
    }

    /** @return all layers with weights, in file order */
    public Map<String, LayerWeights> layers() {
        return layers;
    }
}
