package org.kinspect.file;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

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
    private final Map<String, List<INDArray>> savedStates;

    /** @param layers the layers' weights keyed by layer name, in file order */
    public WeightStore(Map<String, LayerWeights> layers) {
        this(layers, Map.of());
    }

    /**
     * @param layers the layers' weights keyed by layer name, in file order
     * @param savedStates the states stateful recurrent layers had when the model was saved, keyed
     *     by layer name, in Keras's order ({@code h}, {@code c}); only a SavedModel keeps them
     */
    public WeightStore(Map<String, LayerWeights> layers, Map<String, List<INDArray>> savedStates) {
        this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        Map<String, List<INDArray>> states = new LinkedHashMap<>();
        savedStates.forEach((layer, values) -> states.put(layer, List.copyOf(values)));
        this.savedStates = Collections.unmodifiableMap(states);
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

    /**
     * A stateful recurrent layer's states as the model was saved with them: Keras goes on from them
     * on the next batch, and so does {@code StatefulSession}.
     *
     * <pre>{@code
     * List<INDArray> hc = KerasFile.open(Path.of("my_model")).weights().savedStates("lstm"); // [h, c]
     * }</pre>
     *
     * @param layerName a Keras layer name
     * @return its saved states, each (batch, units), in Keras's order; empty when the file keeps none
     */
    public List<INDArray> savedStates(String layerName) {
        return savedStates.getOrDefault(layerName, List.of());
    }

    /** @return all layers with weights, in file order */
    public Map<String, LayerWeights> layers() {
        return layers;
    }
}
