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
 *
 * <p>A store read from a file must give every layer with weights its weights: a layer it has none
 * for is an error, never a layer of zeros. Only {@link #empty()}, a model described by its
 * configuration alone, has none on purpose.
 */
public final class WeightStore {
    private final Map<String, LayerWeights> layers;
    private final Map<String, String> lookedAt;
    private final List<String> unread;
    private final boolean configurationOnly;
    private final Map<String, List<INDArray>> savedStates;

    /** @param layers the layers' weights keyed by layer name, in file order */
    public WeightStore(Map<String, LayerWeights> layers) {
        this(layers, Map.of(), List.of(), false, Map.of());
    }

    /**
     * @param layers the layers' weights keyed by layer name, in file order
     * @param lookedAt where in the file each layer's weights were looked for, by layer name, for
     *     messages (a layer whose group held nothing is named here, with no weights in {@code layers})
     */
    public WeightStore(Map<String, LayerWeights> layers, Map<String, String> lookedAt) {
        this(layers, lookedAt, List.of(), false, Map.of());
    }

    /**
     * @param layers the layers' weights keyed by layer name, in file order
     * @param lookedAt where in the file each layer's weights were looked for, by layer name
     * @param unread groups of weights in the file that no layer of the configuration read, each as
     *     its path and what it holds (for a file whose weights are matched to layers by position)
     */
    public WeightStore(Map<String, LayerWeights> layers, Map<String, String> lookedAt, List<String> unread) {
        this(layers, lookedAt, unread, false, Map.of());
    }

    private WeightStore(Map<String, LayerWeights> layers, Map<String, String> lookedAt, List<String> unread,
            boolean configurationOnly, Map<String, List<INDArray>> savedStates) {
        this.layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        this.lookedAt = Map.copyOf(lookedAt);
        this.unread = List.copyOf(unread);
        this.configurationOnly = configurationOnly;
        Map<String, List<INDArray>> states = new LinkedHashMap<>();
        savedStates.forEach((layer, values) -> states.put(layer, List.copyOf(values)));
        this.savedStates = Collections.unmodifiableMap(states);
    }

    /**
     * @param savedStates the states stateful recurrent layers had when the model was saved, keyed
     *     by layer name, in Keras's order ({@code h}, {@code c}); only a SavedModel keeps them
     * @return the same weights with those states
     */
    public WeightStore withSavedStates(Map<String, List<INDArray>> savedStates) {
        return new WeightStore(layers, lookedAt, unread, configurationOnly, savedStates);
    }

    /** @return an empty store, for a model described by its configuration only (its graph is all zeros) */
    public static WeightStore empty() {
        return new WeightStore(Map.of(), Map.of(), List.of(), true, Map.of());
    }

    /**
     * @return true for a model described by its configuration alone ({@link #empty()}): no weights
     *     were expected; false for weights read from a file, however few
     */
    public boolean configurationOnly() {
        return configurationOnly;
    }

    /**
     * @param layerName a Keras layer name
     * @return that layer's weights, or empty when the file holds none for it
     */
    public Optional<LayerWeights> layer(String layerName) {
        return Optional.ofNullable(layers.get(layerName));
    }

    /**
     * @param layerName a Keras layer name
     * @return where the reader looked for its weights in the file (an HDF5 path), when it says
     */
    public Optional<String> lookedAt(String layerName) {
        return Optional.ofNullable(lookedAt.get(layerName));
    }

    /**
     * @return groups of weights in the file that no layer of the configuration read (a {@code .keras}
     *     zip's, matched to layers by class and position), each as its path and how many weights it
     *     holds; weights for layers the configuration does not name are in {@link #layers()}
     */
    public List<String> unread() {
        return unread;
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
