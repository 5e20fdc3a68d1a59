package org.kinspect.config;

/**
 * One tensor a layer reads, as Keras names it: the layer that made it, which call of that layer
 * (node) and which of that call's outputs. Most layers have one output (index 0); a recurrent layer
 * with {@code return_state=True} has more: an LSTM gives its output (0), h (1) and c (2).
 *
 * <pre>{@code
 * TensorRef h = new TensorRef("encoder", 0, 1); // encoder LSTM's final h
 * h.outputName();                               // "encoder__1", as the inspector shows it
 * }</pre>
 *
 * @param layer the Keras layer that made the tensor
 * @param node which call of that layer (0 unless the layer is shared)
 * @param index which output of that call
 */
public record TensorRef(String layer, int node, int index) {

    /** @return the layer's name for its first output, {@code LAYER__k} for output k, as in Keras references */
    public String outputName() {
        return outputName(layer, index);
    }

    /**
     * @param layer a Keras layer name
     * @param index which of its outputs
     * @return {@code layer} for output 0, else {@code layer__index}
     */
    public static String outputName(String layer, int index) {
        return index == 0 ? layer : layer + "__" + index;
    }
}
