package org.kinspect.graph;

import java.util.List;
import java.util.Map;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;

/**
 * DL4J's importer gives an image input DL4J's layout from the layer listed right after it, and
 * without one falls back to channels last. Inputs come first in the list kinspect gives DL4J, so
 * with several inputs the next layer is another input or an unrelated layer, and a channels_first
 * image would be read with its axes swapped. Each image input is given the {@code data_format} of
 * the first layer below it that names one, as Keras reads it.
 *
 * <pre>{@code
 * InputDataFormats.declare(layers, spec); // the layer list DL4J will read
 * }</pre>
 */
final class InputDataFormats {

    private InputDataFormats() {}

    /**
     * @param layers the layer list DL4J will read, changed in place
     * @param spec the model, for the layers' connections
     */
    @SuppressWarnings("unchecked")
    static void declare(List<Object> layers, ModelSpec spec) {
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            if (!"InputLayer".equals(layer.get("class_name")) || config.containsKey("data_format")
                    || !(config.get("batch_input_shape") instanceof List<?> shape && shape.size() == 4)) {
                continue; // only images: sequences' layouts are ChannelsFirstSequences's
            }
            String format = firstDeclaredFormatBelow(String.valueOf(config.get("name")), spec.layers());
            if (format != null) {
                config.put("data_format", format);
            }
        }
    }

    private static String firstDeclaredFormatBelow(String input, List<LayerSpec> layers) {
        String current = input;
        for (LayerSpec layer : layers) {
            if (layer.inboundLayers().contains(current)) {
                if (layer.dataFormat() != null) {
                    return layer.dataFormat();
                }
                current = layer.name();
            }
        }
        return null;
    }
}
