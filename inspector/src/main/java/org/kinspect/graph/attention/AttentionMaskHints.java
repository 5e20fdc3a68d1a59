package org.kinspect.graph.attention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.config.AttentionCall;
import org.kinspect.config.ModelSpec;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.masking.InputMask;

/**
 * Tells each attention layer's mapper, through the import's table of hints ({@link ImportHints}),
 * the Keras masks its inputs carry, which one layer's configuration does not say: for each inbound
 * tensor, the layer whose output its mask comes from when a Masking layer or an Embedding with
 * {@code mask_zero} feeds it (see {@link InputMask}), or the class of the layer through which a mask
 * arrives that cannot be recomputed, and the other attention layers that read a masked input too.
 *
 * <pre>{@code
 * AttentionMaskHints.annotate(layers, spec, hints); // layers: the functional config's "layers" list
 * }</pre>
 */
public final class AttentionMaskHints {

    private AttentionMaskHints() {}

    /**
     * @param layers the layer list of the configuration DL4J will read
     * @param spec the model
     * @param hints the import's table of hints, filled by layer name
     */
    @SuppressWarnings("unchecked")
    public static void annotate(List<Object> layers, ModelSpec spec, ImportHints.Builder hints) {
        Map<String, List<String>> readersByInput = new HashMap<>();
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            if (isAttention(layer)) {
                for (String inbound : inbound(layer)) {
                    readersByInput.computeIfAbsent(inbound, unused -> new ArrayList<>()).add(name(layer));
                }
            }
        }
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            if (!isAttention(layer)) {
                continue;
            }
            List<String> origins = new ArrayList<>();
            String through = null;
            String sharedWith = null;
            for (String inbound : inbound(layer)) {
                InputMask mask = InputMask.ofOutputOf(inbound, spec);
                origins.add(mask.origin());
                if (mask.unfollowableThrough() != null) {
                    through = mask.unfollowableThrough();
                }
                if (mask.origin() != null && readersByInput.get(inbound).size() > 1) {
                    // Keras 3's MultiHeadAttention clears its inputs' masks: only the first reader sees them
                    List<String> others = new ArrayList<>(readersByInput.get(inbound));
                    others.remove(name(layer));
                    sharedWith = String.join(", ", others);
                }
            }
            if (through != null || sharedWith != null || origins.stream().anyMatch(origin -> origin != null)) {
                List<String> maskOrigins = origins.stream().anyMatch(origin -> origin != null) ? origins : null;
                String maskThrough = through;
                String maskSharedWith = sharedWith;
                hints.update(name(layer), found -> found.withInputMasks(maskOrigins, maskThrough, maskSharedWith));
            }
        }
    }

    private static boolean isAttention(Map<String, Object> layer) {
        return AttentionCall.CLASSES.contains(String.valueOf(layer.get("class_name")))
                && layer.get("config") instanceof Map<?, ?>;
    }

    private static String name(Map<String, Object> layer) {
        return String.valueOf(((Map<?, ?>) layer.get("config")).get("name"));
    }

    /** @return the layers whose outputs it reads, one per distinct input tensor, in the order of its call */
    private static List<String> inbound(Map<String, Object> layer) {
        List<String> names = new ArrayList<>();
        if (layer.get("inbound_nodes") instanceof List<?> nodes && !nodes.isEmpty()
                && nodes.get(0) instanceof List<?> tensors) {
            for (Object tensor : tensors) {
                names.add(tensor instanceof List<?> reference && !reference.isEmpty()
                        ? String.valueOf(reference.get(0)) : String.valueOf(tensor));
            }
        }
        return names;
    }
}
