package org.kinspect.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.config.ModelSpec;

/**
 * Keras 1 layers that name no {@code dim_ordering} (the input, Flatten) follow the global
 * {@code image_dim_ordering}, and Keras 1 files record neither it nor the backend. DL4J's importer
 * then takes them for Theano's (channels, rows, columns), and a model whose convolutions all say
 * {@code "tf"} gets its input and its Flatten on the wrong axes. When every layer that names an
 * ordering says {@code "tf"}, the others are given it too, as Keras 1 gave them the global one.
 *
 * <pre>{@code
 * Keras1ImageOrdering.apply(layers, spec); // before DL4J's KerasModel reads the layer list
 * }</pre>
 */
final class Keras1ImageOrdering {

    private Keras1ImageOrdering() {}

    /**
     * @param layers the layer list DL4J will read, changed in place
     * @param spec the model
     */
    @SuppressWarnings("unchecked")
    static void apply(List<Object> layers, ModelSpec spec) {
        if (spec.kerasMajorVersion() != 1) {
            return;
        }
        Set<Object> orderings = new HashSet<>();
        for (Object layer : layers) {
            Object ordering = ((Map<String, Object>) ((Map<String, Object>) layer).get("config")).get("dim_ordering");
            if (ordering != null) {
                orderings.add(ordering);
            }
        }
        if (!orderings.equals(Set.of("tf"))) {
            return; // Theano's ordering is what DL4J assumes anyway; mixed orderings are left as they are
        }
        for (Object layer : layers) {
            ((Map<String, Object>) ((Map<String, Object>) layer).get("config")).putIfAbsent("dim_ordering", "tf");
        }
    }
}
