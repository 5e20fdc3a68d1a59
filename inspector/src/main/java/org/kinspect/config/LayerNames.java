package org.kinspect.config;

import java.util.List;
import org.kinspect.errors.KinspectException;
import org.kinspect.errors.NearestNames;

/**
 * Finds a layer of a model's description by name, and when there is none, names the closest ones
 * in the message. Users call {@code InspectedModel.requireLayer(name)}; the nearest names
 * themselves are {@link NearestNames}.
 *
 * <pre>{@code
 * LayerSpec layer = LayerNames.require(spec, "lstm_1"); // or: no layer named 'lstm1'; nearest: lstm_1, ...
 * }</pre>
 */
public final class LayerNames {

    private LayerNames() {}

    /**
     * @param spec the model
     * @param name a layer name the user gave
     * @return the layer
     * @throws KinspectException naming the nearest layer names when the model has no such layer
     */
    public static LayerSpec require(ModelSpec spec, String name) {
        return spec.layer(name).orElseThrow(() -> notFound(spec.layerNames(), name));
    }

    /**
     * @param names the names there are (layers, or layers and their extra outputs)
     * @param name the name the user gave
     * @return the error saying so, with the nearest names and how many there are
     */
    public static KinspectException notFound(List<String> names, String name) {
        return KinspectException.input("no layer named '" + name + "'; nearest: "
                + String.join(", ", NearestNames.nearest(names, name, 3)) + " (of " + names.size() + ")");
    }

    /**
     * <pre>{@code
     * LayerNames.declaredInputShape(spec, "signal"); // [-1, 20, 2]
     * }</pre>
     *
     * @param spec a model's description
     * @param inputName one of its inputs
     * @return the shape Keras declares for it, batch first; unknown sizes are -1
     */
    public static long[] declaredInputShape(ModelSpec spec, String inputName) {
        LayerSpec input = require(spec, inputName);
        Object declared = input.config().containsKey("batch_input_shape")
                ? input.config().get("batch_input_shape") : input.config().get("batch_shape");
        if (!(declared instanceof List<?> dims)) {
            return null;
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i) instanceof Number size ? size.longValue() : -1;
        }
        return shape;
    }
}
