package org.kinspect.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells, for every layer, whether Keras keeps its output channels first. A layer that names a
 * {@code data_format} (or Keras 1 {@code dim_ordering}) says so itself; others (Activation,
 * Dropout, BatchNormalization...) keep the layout of their input; an input layer takes the layout
 * of the first layer that reads it and names one.
 */
public final class DataFormats {

    private DataFormats() {}

    /**
     * @param spec the model
     * @return for every layer name, true when Keras keeps that layer's output channels first
     */
    public static Map<String, Boolean> channelsFirstByLayer(ModelSpec spec) {
        Map<String, Boolean> channelsFirst = new HashMap<>();
        for (LayerSpec layer : spec.layers()) {
            String format = layer.dataFormat();
            if (format != null) {
                channelsFirst.put(layer.name(), format.equals("channels_first"));
            } else if (!layer.inboundLayers().isEmpty()) {
                channelsFirst.put(layer.name(), channelsFirst.getOrDefault(layer.inboundLayers().get(0), false));
            }
        }
        for (LayerSpec layer : spec.layers()) {
            if (layer.isInput()) {
                channelsFirst.put(layer.name(), firstDeclaredFormatBelow(layer.name(), spec.layers()));
            }
        }
        // Layers that follow an input and declare nothing inherit what the input now says.
        for (LayerSpec layer : spec.layers()) {
            if (!layer.isInput() && layer.dataFormat() == null && !layer.inboundLayers().isEmpty()) {
                channelsFirst.put(layer.name(), channelsFirst.getOrDefault(layer.inboundLayers().get(0), false));
            }
        }
        return channelsFirst;
    }

    private static boolean firstDeclaredFormatBelow(String input, List<LayerSpec> layers) {
        String current = input;
        for (LayerSpec layer : layers) {
            if (layer.inboundLayers().contains(current)) {
                if (layer.dataFormat() != null) {
                    return layer.dataFormat().equals("channels_first");
                }
                current = layer.name();
            }
        }
        return false;
    }
}
