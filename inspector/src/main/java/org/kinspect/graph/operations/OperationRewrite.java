package org.kinspect.graph.operations;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.OperationLayers;
import org.kinspect.graph.base.ImportHints;

/**
 * Prepares operation layers ({@link OperationLayers}) for DL4J's importer: they get the class name
 * of kinspect's mapper, {@link OperationLayerMapper}; the import's hints ({@link ImportHints}) keep
 * their Keras class name for messages and say whether the model has {@code channels_first} layers
 * (whose layout DL4J's types do not show).
 *
 * <pre>{@code
 * OperationRewrite.prepare(layers, spec, hints); // the layer list DL4J will read, changed in place
 * }</pre>
 */
public final class OperationRewrite {

    private OperationRewrite() {}

    /**
     * @param layers a functional configuration's layer list, changed in place
     * @param spec the model as Keras describes it (kinspect gives DL4J some channels_first layers as
     *     channels_last; the model's own formats count)
     * @param hints the import's table of hints
     */
    @SuppressWarnings("unchecked")
    public static void prepare(List<Object> layers, ModelSpec spec, ImportHints.Builder hints) {
        hints.channelsFirstModel(spec.layers().stream().anyMatch(layer -> "channels_first".equals(layer.dataFormat())));
        Set<String> operationLayers = spec.layers().stream().filter(layer -> layer.notes().isOperation())
                .map(LayerSpec::name).collect(Collectors.toSet());
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            if (operationLayers.contains(String.valueOf(config.get("name")))) {
                String className = String.valueOf(layer.get("class_name"));
                hints.update(String.valueOf(config.get("name")), found -> found.withKerasClassName(className));
                layer.put("class_name", OperationLayerMapper.CLASS_NAME);
            }
        }
    }
}
