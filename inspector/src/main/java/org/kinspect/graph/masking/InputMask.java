package org.kinspect.graph.masking;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kinspect.catalog.KerasClass.Trait;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.catalog.Recurrence;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;

/**
 * Which layer made the Keras mask a layer receives: a Masking layer, or an Embedding with
 * {@code mask_zero}, reaching the layer through layers that hand the mask on (Dropout, Dense,
 * normalisations, merges, and in Keras 1 and 2 recurrent layers returning sequences), or none.
 * The mask is computed at run time from that origin's own input ({@link KerasMasks}), never from
 * the values the masked layer reads, so a real token whose embedding is zero is not padding and
 * a mask handed on through a layer that changes the values is still known.
 *
 * <pre>{@code
 * InputMask mask = InputMask.of(spec.layer("gru_1").orElseThrow(), spec);
 * if (mask.origin() != null) ... // masked by the steps KerasMasks finds in that layer's input
 * }</pre>
 *
 * @param origin the Masking or Embedding layer whose mask arrives, or null
 * @param unfollowableThrough the class of the layer through which a mask arrives that kinspect
 *     cannot compute (a merge of inputs masked by different layers), or null
 */
public record InputMask(String origin, String unfollowableThrough) {
    /** No mask: the layer reads every step. */
    public static final InputMask NONE = new InputMask(null, null);

    /**
     * Keras 3's element-wise merges hand on the OR of their inputs' masks, and no mask when an input
     * has none ({@code Merge.compute_mask}, and {@code _apply_merge_op_and_or_mask} for Maximum and
     * Minimum); Keras 2's AND the masks there are. (Dot hands on no mask in either.)
     */
    private static final Set<String> KERAS3_ELEMENT_WISE_MERGES = Set.of("Add", "Subtract", "Multiply", "Average",
            "Maximum", "Minimum");

    /**
     * @param layer a layer
     * @param spec its model
     * @return the mask Keras hands the layer
     */
    public static InputMask of(LayerSpec layer, ModelSpec spec) {
        return ofInputs(layer.inboundLayers(), spec);
    }

    /**
     * @param layerName a layer whose output another layer reads (one of several inputs)
     * @param spec its model
     * @return the mask Keras hands on with that output
     */
    public static InputMask ofOutputOf(String layerName, ModelSpec spec) {
        return ofInputs(List.of(layerName), spec);
    }

    /** @return whether the layer makes a mask of its own from its input (Masking, Embedding mask_zero) */
    public static boolean isOrigin(LayerSpec layer) {
        return layer.className().equals("Masking")
                || layer.className().equals("Embedding") && Boolean.TRUE.equals(layer.config().get("mask_zero"));
    }

    private static InputMask ofInputs(List<String> inbound, ModelSpec spec) {
        if (inbound.isEmpty()) {
            return NONE;
        }
        Optional<LayerSpec> found = spec.layer(inbound.get(0));
        if (found.isEmpty()) {
            return NONE;
        }
        LayerSpec input = found.get();
        if (isOrigin(input)) {
            return new InputMask(input.name(), null);
        }
        String className = input.className();
        boolean propagates = KerasClasses.has(className, Trait.PASSES_MASK)
                || input.isIntermediateCell()
                || (KerasClasses.is(className, kind -> kind != Recurrence.NONE) && spec.kerasMajorVersion() <= 2 && returnsSequences(input));
        if (!propagates) {
            return NONE;
        }
        List<InputMask> masks = input.inboundLayers().stream().map(name -> ofInputs(List.of(name), spec)).toList();
        if (spec.kerasMajorVersion() >= 3 && KERAS3_ELEMENT_WISE_MERGES.contains(className)
                && masks.stream().anyMatch(mask -> mask.origin() == null && mask.unfollowableThrough() == null)) {
            return NONE; // an unmasked input: Keras 3's merge hands no mask on
        }
        InputMask handedOn = NONE;
        for (InputMask mask : masks) {
            if (mask.unfollowableThrough() != null) {
                return mask;
            }
            if (mask.origin() != null && handedOn.origin() != null && !mask.origin().equals(handedOn.origin())) {
                // Keras 2 ANDs the masks of a merge's inputs, Keras 3 ORs them; kinspect follows one origin only
                return new InputMask(null, className);
            }
            handedOn = mask.origin() != null ? mask : handedOn;
        }
        return handedOn;
    }

    /**
     * @param layer the masked layer, for the message
     * @return why kinspect cannot compute this mask, in words for a message about {@code layer}
     */
    public String refusal(String layer) {
        return refusalText(layer);
    }

    /**
     * @param layer the layer that reads this mask
     * @param source the file, for the message
     * @return the Masking or Embedding layer whose mask arrives, or null when none does
     * @throws KinspectException when the mask arrives through a layer kinspect cannot follow
     */
    public String originOrRefuse(LayerSpec layer, String source) {
        if (unfollowableThrough != null) {
            throw KinspectException.unsupported(source + ": cannot import layer '" + layer.name() + "' ("
                    + layer.className() + "): " + refusal(layer.name()));
        }
        return origin;
    }

    private String refusalText(String layer) {
        return "the Keras mask of layer '" + layer + "' is the combination, by a " + unfollowableThrough
                + " layer, of the masks of inputs masked by different layers; kinspect follows one mask only";
    }

    private static boolean returnsSequences(LayerSpec layer) {
        if (layer.config().get("layer") instanceof Map<?, ?> wrapped
                && wrapped.get("config") instanceof Map<?, ?> inner) {
            return Boolean.TRUE.equals(inner.get("return_sequences")); // Bidirectional
        }
        return layer.returnsSequences();
    }
}
