package org.kinspect.graph.attention;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.graph.layers.UnsupportedLayerOption;

/**
 * Gives an attention vertex the input masks {@link AttentionMaskHints} found, or refuses the layer
 * when kinspect cannot give Keras's numbers with them.
 *
 * <p>Only MultiHeadAttention's value and key may be masked: Keras then hides their masked steps,
 * whose values do not matter. At a masked query step Keras still computes an output from the
 * step's own values, which kinspect does not reproduce yet. And Keras 3 does not hand the masks of a
 * list input to Attention or AdditiveAttention in a functional model: they attend to the masked
 * steps as to any other.
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
        List<String> maskOrigins = new ArrayList<>();
        for (Object origin : origins) {
            maskOrigins.add(origin == null ? null : origin.toString());
        }
        if (vertex instanceof ScoredAttentionVertex) {
            throw config.refused("its inputs carry a Keras mask (Masking, Embedding mask_zero), which Keras 3 does"
                    + " not apply to this layer in a functional model, which kinspect does not reproduce; remove the"
                    + " mask, or use MultiHeadAttention with a masked value");
        }
        if (maskOrigins.get(vertex.getCall().query()) != null) {
            throw config.refused("its query carries a Keras mask (Masking, Embedding mask_zero); Keras computes the"
                    + " masked query steps' outputs too, which kinspect does not reproduce; only the value"
                    + " and key may be masked");
        }
        if (config.config().get(AttentionMaskHints.MASK_SHARED_WITH) != null) {
            throw config.refused("a masked input of it is read by attention layer(s) "
                    + config.config().get(AttentionMaskHints.MASK_SHARED_WITH) + " too, and Keras 3 hands the mask"
                    + " to the first of them only (MultiHeadAttention clears it); give each its own masked input");
        }
        vertex.setInputMaskOrigins(maskOrigins);
    }
}
