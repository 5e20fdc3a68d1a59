package org.kinspect.file;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model file's weights grouped as the file groups them, before the configuration says which layer
 * and which Keras weight each one is. One form per way Keras stores weights.
 *
 * <pre>{@code
 * StoredWeights stored = KerasFile.open(path).weights();
 * if (stored instanceof StoredWeights.LayerGroups groups) {
 *     groups.groups().get(0).path();   // HDF5: /model_weights/dense_1
 * } else if (stored instanceof StoredWeights.VariableTree tree) {
 *     tree.root().child("layers");     // Keras 3: layers/dense/vars/0 ...
 * }
 * }</pre>
 */
public sealed interface StoredWeights {

    /**
     * Keras's HDF5 layout (Keras 1, 2, tf.keras, Keras 3's legacy {@code .h5}): one group per entry
     * of {@code layer_names}, each with its {@code weight_names} in order. A nested model's group
     * holds the weights of all its layers, a stacked RNN's those of all its cells.
     *
     * @param groups the layer groups in {@code layer_names} order
     */
    record LayerGroups(List<LayerGroup> groups) implements StoredWeights {
        public LayerGroups {
            groups = List.copyOf(groups);
        }
    }

    /**
     * One group of {@link LayerGroups}.
     *
     * @param name its name, the Keras name of the layer (or nested model) that saved it
     * @param path its path in the file, e.g. {@code /model_weights/dense_1}
     * @param weights its weights in {@code weight_names} order
     */
    record LayerGroup(String name, String path, List<StoredWeight> weights) {
        public LayerGroup {
            weights = List.copyOf(weights);
        }
    }

    /**
     * The {@code model.weights.h5} of a {@code .keras} zip: groups named after each layer's class
     * with a counter ({@code layers/dense_1/vars/0}), not after the layer.
     *
     * @param root the file's groups, with the values of the datasets that hold a model's layers
     */
    record VariableTree(WeightTree root) implements StoredWeights {}

    /**
     * A tf.keras SavedModel's checkpoint: its variables keyed as the checkpoint keys them
     * ({@code variables/6/.ATTRIBUTES/VARIABLE_VALUE}, {@code layer_with_weights-0/kernel/...}), which
     * often does not say which layer a variable is of, with the checkpoint's object graph and each
     * object's Keras metadata, through which {@code weights} finds its layer and names it.
     *
     * @param graph the checkpoint's own object graph
     * @param objects the Keras objects of that graph (class, layer name), by node id
     * @param values the value of every variable of the model (reached from the root other than
     *     through {@link CheckpointObjectGraph#BOOKKEEPING}, and a stateful RNN's states), as float32,
     *     by checkpoint key; the optimizer's are not read
     * @param shownAs the SavedModel as messages name it (the folder, or the archive and the folder in it)
     */
    record Checkpoint(CheckpointObjectGraph graph, SavedKerasObjects objects, Map<String, INDArray> values,
            String shownAs) implements StoredWeights {
        public Checkpoint {
            values = Map.copyOf(values);
        }
    }

    /**
     * An HDF5 weights group with no {@code layer_names}: no weights at all, named as they are.
     *
     * @param store the weights by Keras layer and weight name (none)
     */
    record Named(WeightStore store) implements StoredWeights {}

    /** A model described by its configuration alone: no weights on purpose. */
    record ConfigurationOnly() implements StoredWeights {}
}
