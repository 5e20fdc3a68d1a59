package org.kinspect.graph.base;

/**
 * A DL4J layer configuration of kinspect's that reads a Keras mask made elsewhere in the model (a
 * GRU reading its Masking or Embedding layer's mask). The code that hands masks over at run time
 * asks this interface, not the layer's class, so it needs nothing of the package that holds the
 * layer.
 *
 * <pre>{@code
 * if (layer instanceof MaskedByOrigin masked && masked.getMaskOrigin() != null) { ... }
 * }</pre>
 */
public interface MaskedByOrigin {

    /**
     * @return the Masking or Embedding layer whose Keras mask this layer reads (handed to it at run
     *     time as its mask array), or null when its input is not masked
     */
    String getMaskOrigin();
}
