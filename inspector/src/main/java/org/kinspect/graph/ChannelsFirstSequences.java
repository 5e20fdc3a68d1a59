package org.kinspect.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.kinspect.catalog.KerasClass.Trait;
import org.kinspect.catalog.KerasClasses;

/**
 * DL4J's importer reads the input of a {@code channels_first} Conv1D as (time, features) instead
 * of (channels, time), and so convolves over the wrong axis. Such 1D layers are given to DL4J as
 * {@code channels_last}, with their input shape transposed to match; kinspect moves the arrays
 * between the two layouts at the graph's edges (the inspector knows each layer's Keras layout
 * from the original configuration), so the numbers are Keras's.
 */
final class ChannelsFirstSequences {

    private ChannelsFirstSequences() {}

    /** Rewrites, in place, a functional configuration's layer list. */
    @SuppressWarnings("unchecked")
    static void rewrite(List<Object> layers) {
        List<String> rewritten = new ArrayList<>();
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            if (KerasClasses.has(String.valueOf(layer.get("class_name")), Trait.SEQUENCE_DATA_FORMAT)
                    && "channels_first".equals(config.get("data_format"))) {
                config.put("data_format", "channels_last");
                rewritten.add(String.valueOf(config.get("name")));
            }
        }
        if (rewritten.isEmpty()) {
            return;
        }
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            if ("InputLayer".equals(layer.get("class_name")) && feedsOneOf(config.get("name"), layers, rewritten)
                    && config.get("batch_input_shape") instanceof List<?> shape && shape.size() == 3) {
                config.put("batch_input_shape", new ArrayList<>(Arrays.asList(shape.get(0), shape.get(2), shape.get(1))));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean feedsOneOf(Object inputName, List<Object> layers, List<String> targets) {
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            String name = String.valueOf(((Map<String, Object>) layer.get("config")).get("name"));
            if (targets.contains(name) && String.valueOf(layer.get("inbound_nodes")).contains(inputName + ",")) {
                return true;
            }
        }
        return false;
    }
}
