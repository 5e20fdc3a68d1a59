package org.kinspect.graph.layers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.catalog.Recurrence;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.base.LayerHints;
import org.kinspect.graph.masking.InputMask;

/**
 * Tells kinspect's recurrent mappers what one layer's configuration does not say. DL4J hands a
 * registered mapper the layer's configuration alone, so the import's table of hints
 * ({@link ImportHints}) gets, by the name of each GRU, CuDNNGRU or ConvLSTM2D layer (or of the layer
 * wrapping one: a Bidirectional, a TimeDistributed):
 * <ul>
 *   <li>its mask origin: the Masking layer (or Embedding with {@code mask_zero}) whose mask Keras
 *       hands the layer (see {@link InputMask});
 *   <li>its mask's unfollowable layer: the class of the layer through which a mask arrives that
 *       kinspect cannot compute (see {@link InputMask});
 *   <li>for a GRU wrapped in a TimeDistributed that DL4J unwraps, that it is, which kinspect's GRU
 *       does not support.
 * </ul>
 * (The Keras that wrote the file, for {@code hard_sigmoid}, which Keras 3 defines differently, is
 * the table's for every layer.) It also renames a {@code Bidirectional} around a GRU, CuDNNGRU or
 * CuDNNLSTM to {@value BidirectionalRnnMapper#CLASS_NAME}: DL4J maps {@code Bidirectional} itself
 * before it looks at registered layers.
 *
 * <pre>{@code
 * RecurrentLayerHints.annotate(layers, spec, hints); // layers: the functional config's "layers" list
 * }</pre>
 */
public final class RecurrentLayerHints {
    private RecurrentLayerHints() {}

    /**
     * @param layers the layer list of the configuration DL4J will read, changed in place (class names)
     * @param spec the model, for each layer's class and inbound layers
     * @param hints the import's table of hints, filled by layer name
     */
    @SuppressWarnings("unchecked")
    public static void annotate(List<Object> layers, ModelSpec spec, ImportHints.Builder hints) {
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            String name = String.valueOf(config.get("name"));
            Optional<LayerSpec> described = spec.layer(name);
            InputMask mask = described.map(found -> InputMask.of(found, spec)).orElse(InputMask.NONE);
            if ("Bidirectional".equals(layer.get("class_name"))
                    && BidirectionalRnnMapper.wrapsOneOf(config)) {
                layer.put("class_name", BidirectionalRnnMapper.CLASS_NAME);
            }
            if ("TimeDistributed".equals(layer.get("class_name")) && wraps(config, RecurrentLayerHints::gru)) {
                // DL4J unwraps TimeDistributed (the GRU's mapper gets its name) and would run the GRU over the wrong axis.
                hints.update(name, LayerHints::wrappedInTimeDistributed);
            }
            if (readsMask(layer) && (mask.origin() != null || mask.unfollowableThrough() != null)) {
                hints.update(name, found -> found.withMask(mask.origin(), mask.unfollowableThrough()));
            }
        }
    }

    /**
     * @return whether a layer entry ({@code class_name}, {@code config}) is, or wraps (a
     *     Bidirectional, or the layers other rewrites put under {@code config.layer}), a layer whose
     *     mapper reads a mask hint
     */
    private static boolean readsMask(Map<?, ?> entry) {
        if (!(entry.get("config") instanceof Map<?, ?> config)) {
            return false;
        }
        String className = String.valueOf(entry.get("class_name"));
        if (gru(className) || className.equals("ConvLSTM2D")) {
            return true;
        }
        for (String field : new String[] {"layer", "backward_layer"}) {
            if (config.get(field) instanceof Map<?, ?> wrapped && readsMask(wrapped)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wraps(Map<String, Object> config, Predicate<String> classes) {
        return config.get("layer") instanceof Map<?, ?> wrapped && classes.test(String.valueOf(wrapped.get("class_name")));
    }

    /** GRU and CuDNNGRU: kinspect's GRU layer reads these hints. */
    private static boolean gru(String className) {
        return KerasClasses.is(className, recurrence -> recurrence == Recurrence.GRU);
    }
}
