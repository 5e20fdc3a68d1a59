package org.kinspect.graph.base;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kinspect.config.LayerNotes;

/**
 * What kinspect's mapper of one Keras layer needs to know that the layer's own configuration does
 * not say, found by the import's steps from the whole model ({@code RecurrentLayerHints},
 * {@code AttentionMaskHints}) and read by the mappers through {@link ImportHints}.
 *
 * <pre>{@code
 * LayerHints hints = ImportHints.current().of(layerName);
 * String origin = hints.maskOrigin(); // null: the layer reads every step
 * }</pre>
 *
 * @param maskOrigin for a GRU: the layer whose output its Keras mask comes from (an Embedding with
 *     {@code mask_zero}, a Masking layer, an input), or null when it has none
 * @param maskThrough for a GRU: the class of the layer through which its mask arrives that kinspect
 *     cannot follow, for the refusal's message, or null
 * @param insideTimeDistributed for a GRU: it is wrapped in a TimeDistributed that DL4J unwraps
 * @param inputMaskOrigins for an attention layer: for each input tensor in call order, the layer its
 *     mask comes from (null for an unmasked input), or null when no input is masked
 * @param inputMaskThrough for an attention layer: the class of the layer through which a mask
 *     arrives that kinspect cannot follow, or null
 * @param inputMaskSharedWith for an attention layer: the other attention layers that read one of its
 *     masked inputs too, joined by ", ", or null
 * @param kerasClassName for a layer DL4J is given under the class name of kinspect's mapper (an
 *     operation layer), its Keras class, for messages; else null
 * @param notes what normalisation noted of the layer ({@link LayerNotes}: an operation layer's
 *     operation, an attention layer's call), which its configuration does not say
 */
public record LayerHints(String maskOrigin, String maskThrough, boolean insideTimeDistributed,
        List<String> inputMaskOrigins, String inputMaskThrough, String inputMaskSharedWith, String kerasClassName,
        LayerNotes notes) {

    /** Nothing to say about the layer. */
    public static final LayerHints NONE = new LayerHints(null, null, false, null, null, null, null, LayerNotes.NONE);

    public LayerHints {
        notes = notes == null ? LayerNotes.NONE : notes;
        // the origins keep their nulls (unmasked inputs); List.copyOf refuses them
        inputMaskOrigins = inputMaskOrigins == null ? null
                : Collections.unmodifiableList(new ArrayList<>(inputMaskOrigins));
    }

    /**
     * @param origin the layer whose output the recurrent layer's mask comes from, or null
     * @param through the class of the layer the mask cannot be followed through, or null
     * @return these hints with the recurrent layer's mask
     */
    public LayerHints withMask(String origin, String through) {
        return new LayerHints(origin, through, insideTimeDistributed, inputMaskOrigins, inputMaskThrough,
                inputMaskSharedWith, kerasClassName, notes);
    }

    /** @return these hints, saying the layer is wrapped in a TimeDistributed DL4J unwraps */
    public LayerHints wrappedInTimeDistributed() {
        return new LayerHints(maskOrigin, maskThrough, true, inputMaskOrigins, inputMaskThrough, inputMaskSharedWith,
                kerasClassName, notes);
    }

    /**
     * @param origins for each input in call order, the layer its mask comes from, or null
     * @param through the class of a layer an input's mask cannot be followed through, or null
     * @param sharedWith the other attention layers reading a masked input, or null
     * @return these hints with the attention layer's input masks
     */
    public LayerHints withInputMasks(List<String> origins, String through, String sharedWith) {
        return new LayerHints(maskOrigin, maskThrough, insideTimeDistributed, origins, through, sharedWith,
                kerasClassName, notes);
    }

    /**
     * @param className the layer's Keras class, when DL4J is given another
     * @return these hints with it
     */
    public LayerHints withKerasClassName(String className) {
        return new LayerHints(maskOrigin, maskThrough, insideTimeDistributed, inputMaskOrigins, inputMaskThrough,
                inputMaskSharedWith, className, notes);
    }

    /**
     * @param layerNotes what normalisation noted of the layer
     * @return these hints with them
     */
    public LayerHints withNotes(LayerNotes layerNotes) {
        return new LayerHints(maskOrigin, maskThrough, insideTimeDistributed, inputMaskOrigins, inputMaskThrough,
                inputMaskSharedWith, kerasClassName, layerNotes);
    }
}
