package org.kinspect.graph.attention;

import java.util.ArrayList;
import org.kinspect.config.AttentionCall;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.base.LayerHints;
import org.kinspect.graph.base.UnsupportedLayerOption;

/**
 * Gives an attention vertex the input masks {@link AttentionMaskHints} found (read from the import's
 * {@link ImportHints} by the layer's name), or refuses the layer
 * when kinspect cannot give Keras's numbers with them.
 *
 * <p>Keras hides the masked value and key steps from every query step; a masked query step sees
 * none (MultiHeadAttention) or outputs zeros (Attention, AdditiveAttention). The masks are the ones
 * their origins make (token ids, a Masking layer's input), so the masked steps' values are Keras's.
 * Masks reaching an attention layer whose call tf.keras recorded are refused: tf.keras's rules
 * are not Keras 3's.
 */
final class InputMasks {

    private InputMasks() {}

    static void apply(AttentionLayerConfig config, AttentionVertex vertex) throws UnsupportedLayerOption {
        LayerHints hints = ImportHints.current().of(config.layerName());
        if (hints.inputMaskThrough() != null) {
            throw config.refused("the Keras mask of one of its inputs is the combination, by a "
                    + hints.inputMaskThrough() + " layer, of the masks of inputs masked"
                    + " by different layers; kinspect follows one mask only");
        }
        if (hints.inputMaskOrigins() == null) {
            return;
        }
        if (hints.notes().attentionCallOfTfKeras()) {
            throw config.refused("its inputs carry a Keras mask (Masking, Embedding mask_zero), and tf.keras applies"
                    + " such masks to attention layers by rules that changed between its versions, which kinspect"
                    + " does not compute yet; remove the mask, or save the model with Keras 3");
        }
        if (hints.inputMaskSharedWith() != null) {
            throw config.refused("a masked input of it is read by attention layer(s) "
                    + hints.inputMaskSharedWith() + " too, and Keras 3 hands the mask"
                    + " to the first of them only (MultiHeadAttention clears it); give each its own masked input");
        }
        vertex.setInputMaskOrigins(new ArrayList<>(hints.inputMaskOrigins())); // the vertex is serialised with the graph
    }
}
