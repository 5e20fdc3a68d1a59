package org.kinspect.inspect;

import java.util.Comparator;
import java.util.List;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;

/** Finds a layer by name, and when there is none, names the closest ones in the message. */
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
                + String.join(", ", nearest(names, name, 3)) + " (of " + names.size() + ")");
    }

    static List<String> nearest(List<String> names, String wanted, int count) {
        return names.stream()
                .sorted(Comparator.comparingInt((String name) -> editDistance(name, wanted)))
                .limit(count)
                .toList();
    }

    /**
     * @return the Levenshtein distance of two names (insertions, deletions, substitutions), for
     *     "did you mean" suggestions
     */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
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
