package org.kinspect.graph.masking;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer or vertex (at run time) that reads the Keras mask of its inputs. Keras computes a mask
 * where it starts (a Masking layer, an Embedding with {@code mask_zero}) and hands it on beside
 * the values; DL4J has no such thing, so whoever runs the graph computes each origin's mask with
 * {@link KerasMasks} and hands it to the readers before they run.
 *
 * <pre>{@code
 * if (layer instanceof MaskReader reader) {
 *     reader.setKerasMasks(reader.maskOrigins().stream().map(masksByOrigin::get).toList());
 * }
 * }</pre>
 */
public interface MaskReader {

    /**
     * @return for each input, the Masking or Embedding layer whose mask it carries, or null for an
     *     input without a mask
     */
    List<String> maskOrigins();

    /**
     * @param masks for each input, 1 for the steps Keras computes and 0 for masked ones,
     *     (batch, steps), or null for an input without a mask; kept until the next call
     */
    void setKerasMasks(List<INDArray> masks);

    /**
     * @param layer the layer, for the message
     * @return the error for a masked layer run without its mask (a graph run by other means than
     *     kinspect's ActivationProbe)
     */
    static IllegalStateException maskMissing(String layer) {
        return new IllegalStateException("layer '" + layer + "' reads a Keras mask, which kinspect's ActivationProbe"
                + " computes and hands it; run the graph through ActivationProbe");
    }
}
