package org.kinspect.graph.operations;

import java.util.List;
import java.util.Map;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.OperationLayers;

/**
 * Prepares operation layers ({@link OperationLayers}) for DL4J's importer: they get the class name
 * of kinspect's mapper, {@link KerasOperationLayer}, keeping the Keras class name for messages, and
 * are told whether the model has {@code channels_first} layers (whose layout DL4J's types do not show).
 *
 * <pre>{@code
 * OperationRewrite.prepare(layers, spec); // the layer list DL4J will read, changed in place
 * }</pre>
 */
public final class OperationRewrite {
    static final String KERAS_CLASS = "keras_class";
    static final String CHANNELS_FIRST_MODEL = "channels_first_model";

    private OperationRewrite() {}

    /**
     * @param layers a functional configuration's layer list, changed in place
     * @param spec the model as Keras describes it (kinspect gives DL4J some channels_first layers as
     *     channels_last; the model's own formats count)
     */
    @SuppressWarnings("unchecked")
    public static void prepare(List<Object> layers, ModelSpec spec) {
        boolean channelsFirst = spec.layers().stream().anyMatch(layer -> "channels_first".equals(layer.dataFormat()));
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            if (OperationLayers.isOperationLayer(config)) {
                Map<String, Object> operation = (Map<String, Object>) config.get(OperationLayers.OPERATION);
                operation.put(KERAS_CLASS, layer.get("class_name"));
                operation.put(CHANNELS_FIRST_MODEL, channelsFirst);
                layer.put("class_name", KerasOperationLayer.CLASS_NAME);
            }
        }
    }
}
