package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Permute((2, 1))} on a sequence, as the operation layer {@code transpose}. DL4J's Permute
 * swaps the array's axes but describes its output with the other sequence layout than the array
 * has, so a layer that reads it with another sequence (a Concatenate of the permuted tensor and an
 * Embedding's output, as in bAbI memory networks) is refused by DL4J ("different layouts") or,
 * worse, reads it wrongly. The operation layer computes in Keras's layout and says so.
 *
 * <pre>{@code
 * SequencePermutes.rewrite(functional, "model.h5"); // in place
 * }</pre>
 */
final class SequencePermutes {

    private SequencePermutes() {}

    /**
     * @param functional a configuration in Keras 2 functional form, changed in place
     * @param source the file, for messages
     */
    static void rewrite(Map<String, Object> functional, String source) {
        OperationLayers.replaceLayers(functional, source,
                layer -> isSequencePermute(layer) ? asTranspose(layer, source) : layer);
    }

    private static boolean isSequencePermute(Map<String, Object> layer) {
        return "Permute".equals(layer.get("class_name")) && layer.get("config") instanceof Map<?, ?> config
                && config.get("dims") instanceof List<?> dims && dims.size() == 2
                && layer.get("inbound_nodes") instanceof List<?> nodes && nodes.size() == 1;
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
