package org.kinspect.graph.attention;

import java.util.ArrayList;
import java.util.List;
import org.kinspect.config.AttentionCall;
import org.kinspect.graph.layers.UnsupportedLayerOption;

/**
 * Gives an attention vertex the input masks {@link AttentionMaskHints} found, or refuses the layer
 * when kinspect cannot give Keras's numbers with them.
 *
 * <p>Only MultiHeadAttention's value and key may be masked: Keras then hides their masked steps,
 * whose values do not matter. At a masked query step Keras still computes an output from the
 * step's own values, which DL4J does not keep (its Embedding outputs zeros for index 0). And Keras
 * 3 does not hand the masks of a list input to Attention or AdditiveAttention in a functional
 * model: they attend to the masked steps' values, which DL4J does not keep either. Masks reaching an
 * attention layer whose call tf.keras recorded are refused: tf.keras's rules are not Keras 3's.
 */
final class InputMasks {

    private InputMasks() {}

    static void apply(AttentionLayerConfig config, AttentionVertex vertex) throws UnsupportedLayerOption {
        if (config.config().get(AttentionMaskHints.MASK_THROUGH) != null) {
            throw config.refused("the Keras mask of one of its inputs is handed on by a "
                    + config.config().get(AttentionMaskHints.MASK_THROUGH) + " layer, which changes the values,"
                    + " so kinspect cannot recompute it; remove the mask (Masking, Embedding mask_zero)");
        }
        if (!(config.config().get(AttentionMaskHints.MASK_VALUES) instanceof List<?> values)) {
            return;
        }
        if (Boolean.TRUE.equals(config.config().get(AttentionCall.KERAS2_CALL))) {
            throw config.refused("its inputs carry a Keras mask (Masking, Embedding mask_zero), and tf.keras applies"
                    + " such masks to attention layers by rules that changed between its versions, which kinspect"
                    + " does not compute yet; remove the mask, or save the model with Keras 3");
        }
        List<Double> maskValues = new ArrayList<>();
        for (Object value : values) {
            maskValues.add(value instanceof Number number ? number.doubleValue() : null);
        }
        if (vertex instanceof ScoredAttentionVertex) {
            throw config.refused("its inputs carry a Keras mask (Masking, Embedding mask_zero), which Keras 3 does"
                    + " not apply to this layer in a functional model, so it reads the masked steps' values, which"
                    + " DL4J does not keep; remove the mask, or use MultiHeadAttention with a masked value");
        }
        if (maskValues.get(vertex.getCall().query()) != null) {
            throw config.refused("its query carries a Keras mask (Masking, Embedding mask_zero); Keras computes the"
                    + " masked query steps' outputs from their values, which DL4J does not keep; only the value"
                    + " and key may be masked");
        }
        if (config.config().get(AttentionMaskHints.MASK_SHARED_WITH) != null) {
            throw config.refused("a masked input of it is read by attention layer(s) "
                    + config.config().get(AttentionMaskHints.MASK_SHARED_WITH) + " too, and Keras 3 hands the mask"
                    + " to the first of them only (MultiHeadAttention clears it); give each its own masked input");
        }
        vertex.setInputMaskValues(maskValues);
    }
}
