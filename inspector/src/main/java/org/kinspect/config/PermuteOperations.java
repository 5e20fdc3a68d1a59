package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code Permute} that moves an axis, as the operation layer {@code transpose}. DL4J's Permute
 * swaps the array's axes but describes its output in another layout than the array has (a
 * sequence's time and features, an image's channels), so the layers after it read the wrong axis
 * or are refused by DL4J ("different layouts", as a Concatenate of a permuted tensor and an
 * Embedding's output in bAbI memory networks). The operation layer computes in Keras's layout and
 * says so. A Permute that keeps every axis in place passes its input on
 * ({@code OverriddenMappers}). Found on the corpus's SavedModels and on the random architectures
 * ({@code random/random_011}, {@code random_080}, {@code random_161}).
 *
 * <pre>{@code
 * PermuteOperations.rewrite(functional, "model.h5"); // in place
 * }</pre>
 */
final class PermuteOperations {

    private PermuteOperations() {}

    /**
     * @param functional a configuration in Keras 2 functional form, changed in place
     * @param source the file, for messages
     */
    static void rewrite(Map<String, Object> functional, String source) {
        OperationLayers.replaceLayers(functional, source,
                layer -> movesAnAxis(layer) ? asTranspose(layer, source) : layer);
    }

    private static boolean movesAnAxis(Map<String, Object> layer) {
        return "Permute".equals(layer.get("class_name")) && layer.get("config") instanceof Map<?, ?> config
                && config.get("dims") instanceof List<?> dims && !keepsEveryAxis(dims)
                && layer.get("inbound_nodes") instanceof List<?> nodes && nodes.size() == 1;
    }

    private static boolean keepsEveryAxis(List<?> dims) {
        for (int axis = 0; axis < dims.size(); axis++) {
            if (!(dims.get(axis) instanceof Number number) || number.intValue() != axis + 1) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> asTranspose(Map<String, Object> layer, String source) {
        Map<String, Object> config = ConfigNormalizer.asMap(layer.get("config"), source, "layer config");
        String name = String.valueOf(config.getOrDefault("name", layer.get("name")));
        List<Object> nodes = ConfigNormalizer.asList(layer.get("inbound_nodes"), source, "inbound_nodes");
        List<Object> inboundNode = ConfigNormalizer.asList(nodes.get(0), source, "inbound node");
        List<Object> axes = new ArrayList<>(List.of(0));
        axes.addAll((List<?>) config.get("dims"));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("axes", axes);
        return OperationLayers.layer("Permute", name, "transpose",
                new ArrayList<>(List.of(OperationLayers.tensorArgument(0))), options, inboundNode, null);
    }
}
