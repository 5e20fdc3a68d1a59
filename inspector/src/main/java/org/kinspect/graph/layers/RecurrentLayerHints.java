package org.kinspect.graph.layers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.catalog.Recurrence;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.graph.base.RecurrentHints;
import org.kinspect.graph.masking.InputMask;

/**
 * Prepares a model's layer list for DL4J's importer so that kinspect's recurrent mappers see what
 * one layer's configuration does not say. DL4J hands a registered mapper the layer's configuration
 * alone, so this adds to it:
 * <ul>
 *   <li>{@value #RecurrentHints.MASK_ORIGIN}: the Masking layer (or Embedding with {@code mask_zero}) whose mask
 *       Keras hands the layer (see {@link InputMask});
 *   <li>{@value #RecurrentHints.MASK_THROUGH}: the class of the layer through which a mask arrives that kinspect
 *       cannot compute (see {@link InputMask});
 *   <li>{@value #RecurrentHints.TIME_DISTRIBUTED}: the layer is wrapped in a TimeDistributed, which kinspect's GRU
 *       does not support;
 *   <li>{@value #RecurrentHints.KERAS_MAJOR_VERSION}: the Keras that wrote the file (DL4J is told 1 or 2 only),
 *       for {@code hard_sigmoid}, which Keras 3 defines differently.
 * </ul>
 * It also renames a {@code Bidirectional} around a GRU, CuDNNGRU or CuDNNLSTM to
 * {@value KerasBidirectionalRnn#CLASS_NAME}: DL4J maps {@code Bidirectional} itself before it
 * looks at registered layers.
 *
 * <pre>{@code
 * RecurrentLayerHints.annotate(layers, spec); // layers: the functional config's "layers" list
 * }</pre>
 */
public final class RecurrentLayerHints {
    private RecurrentLayerHints() {}

    /**
     * @param layers the layer list of the configuration DL4J will read, changed in place
     * @param spec the model, for each layer's class and inbound layers
     */
    @SuppressWarnings("unchecked")
    public static void annotate(List<Object> layers, ModelSpec spec) {
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            Optional<LayerSpec> described = spec.layer(String.valueOf(config.get("name")));
            InputMask mask = described.map(found -> InputMask.of(found, spec)).orElse(InputMask.NONE);
            if ("Bidirectional".equals(layer.get("class_name"))
                    && KerasBidirectionalRnn.wrapsOneOf(config)) {
                layer.put("class_name", KerasBidirectionalRnn.CLASS_NAME);
            }
            if ("TimeDistributed".equals(layer.get("class_name")) && wraps(config, RecurrentLayerHints::gru)
                    && config.get("layer") instanceof Map<?, ?> wrapped && wrapped.get("config") instanceof Map<?, ?> inner) {
                // DL4J unwraps TimeDistributed and would run the GRU over the wrong axis.
                ((Map<String, Object>) inner).put(RecurrentHints.TIME_DISTRIBUTED, true);
            }
            annotateEntry(layer, mask, spec.kerasMajorVersion());
        }
    }

    /**
     * Annotates a layer entry ({@code class_name}, {@code config}) and the layers it wraps (a
     * Bidirectional's, or those other rewrites put under {@code config.layer}). Wrapped entries
     * keep their class names: the rewrite that wrapped them reads them.
     */
    @SuppressWarnings("unchecked")
    private static void annotateEntry(Map<String, Object> entry, InputMask mask, int kerasMajorVersion) {
        if (!(entry.get("config") instanceof Map<?, ?> configObject)) {
            return;
        }
        Map<String, Object> config = (Map<String, Object>) configObject;
        String className = String.valueOf(entry.get("class_name"));
        if (gru(className) || className.equals("ConvLSTM2D")) {
            annotateRecurrent(config, mask, kerasMajorVersion);
        }
        for (String field : new String[] {"layer", "backward_layer"}) {
            if (config.get(field) instanceof Map<?, ?> wrapped) {
                annotateEntry((Map<String, Object>) wrapped, mask, kerasMajorVersion);
            }
        }
    }

    private static void annotateRecurrent(Map<String, Object> config, InputMask mask, int kerasMajorVersion) {
        config.put(RecurrentHints.KERAS_MAJOR_VERSION, kerasMajorVersion);
        if (mask.origin() != null) {
            config.put(RecurrentHints.MASK_ORIGIN, mask.origin());
        }
        if (mask.unfollowableThrough() != null) {
            config.put(RecurrentHints.MASK_THROUGH, mask.unfollowableThrough());
        }
    }

    private static boolean wraps(Map<String, Object> config, Predicate<String> classes) {
        return config.get("layer") instanceof Map<?, ?> wrapped && classes.test(String.valueOf(wrapped.get("class_name")));
    }

    /** GRU and CuDNNGRU: kinspect's GRU layer reads these hints. */
    private static boolean gru(String className) {
        return KerasClasses.is(className, recurrence -> recurrence == Recurrence.GRU);
    }
}
