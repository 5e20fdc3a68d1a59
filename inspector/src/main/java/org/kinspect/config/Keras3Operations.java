package org.kinspect.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.KinspectException;

/**
 * Keras 3 operation nodes: calls of {@code keras.ops} functions on symbolic tensors ({@code x + y},
 * {@code ops.concatenate}), which Keras 3 records as entries of the layer list. Their class names
 * collide with merge layers ({@code Add}, {@code Multiply}, {@code Concatenate}...); the two are
 * told apart by {@code module} ({@code keras.src.ops.*}), or, in a legacy {@code .h5} where no entry
 * has a module, by the configuration (a layer's always says {@code trainable}, an op's never does).
 *
 * <p>Ops that combine same-shaped tensors the way a merge layer does become that merge layer. Any
 * other op is refused with a message naming it.
 */
public final class Keras3Operations {
    /** Ops that are exactly a Keras 2 merge layer when all their arguments are tensors of one shape. */
    private static final Set<String> MERGES = Set.of("Add", "Subtract", "Multiply", "Maximum", "Minimum");

    /** Layers whose own {@code get_config} leaves out {@code trainable} (Keras 3.16 source). */
    private static final Set<String> LAYERS_WITHOUT_TRAINABLE = Set.of("SpatialDropout1D", "SpatialDropout2D",
            "SpatialDropout3D");

    private Keras3Operations() {}

    /**
     * @param layerEntry an entry of a Keras 3 configuration's layer list
     * @return true when it records a {@code keras.ops} call rather than a layer
     */
    public static boolean isOperation(Map<String, Object> layerEntry) {
        Object module = layerEntry.get("module");
        if (module instanceof String name) {
            return name.startsWith("keras.src.ops");
        }
        return !"InputLayer".equals(layerEntry.get("class_name"))
                && !LAYERS_WITHOUT_TRAINABLE.contains(layerEntry.get("class_name"))
                && layerEntry.get("config") instanceof Map<?, ?> config && !config.containsKey("trainable");
    }

    /**
     * @param operation an operation entry (Keras 3 form)
     * @param call its one call, read by {@link Keras3CallArguments}
     * @param source the file, for messages
     * @return the Keras 2 merge layer that computes the same
     * @throws KinspectException when no Keras 2 layer does
     */
    static Map<String, Object> asMergeLayer(Map<String, Object> operation, Keras3CallArguments call, String source) {
        String className = String.valueOf(operation.get("class_name"));
        Map<String, Object> opConfig = ConfigNormalizer.asMap(operation.get("config"), source, "op config");
        String name = String.valueOf(operation.containsKey("name") ? operation.get("name") : opConfig.get("name"));
        boolean merge = MERGES.contains(className) || className.equals("Concatenate");
        if (!merge) {
            throw unsupported(source, className, name, "");
        }
        if (!call.constants().isEmpty()) {
            throw unsupported(source, className, name, " with a constant argument");
        }
        if (call.tensors().size() < 2) {
            throw unsupported(source, className, name, " on fewer than two tensors");
        }
        if (MERGES.contains(className) && !call.tensorsHaveOneShape()) {
            throw unsupported(source, className, name, " on tensors of different shapes (broadcasting)");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", true);
        config.put("dtype", "float32");
        if (className.equals("Concatenate")) {
            Object axis = opConfig.getOrDefault("axis", 0); // ops.concatenate's default: the batch axis
            if (axis instanceof Number number && number.intValue() == 0) {
                throw unsupported(source, className, name, " along the batch axis");
            }
            config.put("axis", axis);
        }
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("class_name", className);
        layer.put("name", name);
        layer.put("config", config);
        layer.put("inbound_nodes", List.of(call.keras2Node()));
        return layer;
    }

    static KinspectException unsupported(String source, String className, String name, String detail) {
        return KinspectException.unsupported(source + ": unsupported op " + className + detail + " in layer '" + name
                + "' (" + className + "), a keras.ops call; kinspect imports add, subtract, multiply, maximum,"
                + " minimum and concatenate of same-shaped tensors so far");
    }
}
