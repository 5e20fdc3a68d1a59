package org.kinspect.graph.attention;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.AttentionCall;
import org.kinspect.graph.base.UnsupportedLayerOption;

/**
 * Gives an attention vertex the input masks {@link AttentionMaskHints} found, or refuses the layer
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
        if (config.config().get(AttentionMaskHints.MASK_THROUGH) != null) {
            throw config.refused("the Keras mask of one of its inputs is the combination, by a "
                    + config.config().get(AttentionMaskHints.MASK_THROUGH) + " layer, of the masks of inputs masked"
                    + " by different layers; kinspect follows one mask only");
        }
        if (!(config.config().get(AttentionMaskHints.MASK_ORIGINS) instanceof List<?> origins)) {
            return;
        }
        if (Boolean.TRUE.equals(config.config().get(AttentionCall.KERAS2_CALL))) {
            throw config.refused("its inputs carry a Keras mask (Masking, Embedding mask_zero), and tf.keras applies"
                    + " such masks to attention layers by rules that changed between its versions, which kinspect"
                    + " does not compute yet; remove the mask, or save the model with Keras 3");
        }
        List<String> maskOrigins = new ArrayList<>();
        for (Object origin : origins) {
            maskOrigins.add(origin == null ? null : origin.toString());
        }
        if (config.config().get(AttentionMaskHints.MASK_SHARED_WITH) != null) {
            throw config.refused("a masked input of it is read by attention layer(s) "
                    + config.config().get(AttentionMaskHints.MASK_SHARED_WITH) + " too, and Keras 3 hands the mask"
                    + " to the first of them only (MultiHeadAttention clears it); give each its own masked input");
        }
        vertex.setInputMaskOrigins(maskOrigins);
    }
}
