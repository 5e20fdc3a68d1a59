package org.kinspect.initializers;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The fields of a layer configuration that name initializers: Keras 2/3's {@code *_initializer}
 * and Keras 1's {@code init}, {@code inner_init}, {@code *_init}; those of a wrapped layer
 * (Bidirectional, TimeDistributed) too.
 *
 * <pre>{@code
 * InitializerFields.forEach(layerConfig, (field, value) -> System.out.println(field)); // kernel_initializer ...
 * }</pre>
 */
public final class InitializerFields {

    private InitializerFields() {}

    /**
     * @param field a layer configuration field
     * @return true when it names an initializer
     */
    public static boolean isInitializerField(String field) {
        return field.endsWith("_initializer") || field.equals("init") || field.endsWith("_init");
    }

    /**
     * @param layerConfig a layer's configuration
     * @param action called with each initializer field's name and value, wrapped layers' included
     */
    public static void forEach(Map<String, Object> layerConfig, BiConsumer<String, Object> action) {
        for (Map.Entry<String, Object> field : layerConfig.entrySet()) {
            if (isInitializerField(field.getKey()) && field.getValue() != null) {
                action.accept(field.getKey(), field.getValue());
            }
        }
        for (String wrapped : new String[] {"layer", "backward_layer"}) {
            if (layerConfig.get(wrapped) instanceof Map<?, ?> layer && layer.get("config") instanceof Map<?, ?> inner) {
                @SuppressWarnings("unchecked")
                Map<String, Object> innerConfig = (Map<String, Object>) inner;
                forEach(innerConfig, action);
            }
        }
    }

    /**
     * @param layerConfig a layer's configuration
     * @param action called with each initializer field's container and name, so that the value
     *     can be replaced in place
     */
    @SuppressWarnings("unchecked")
    public static void forEachField(Map<String, Object> layerConfig, BiConsumer<Map<String, Object>, String> action) {
        for (String field : layerConfig.keySet().toArray(new String[0])) {
            if (isInitializerField(field) && layerConfig.get(field) != null) {
                action.accept(layerConfig, field);
            }
        }
        for (String wrapped : new String[] {"layer", "backward_layer"}) {
            if (layerConfig.get(wrapped) instanceof Map<?, ?> layer && layer.get("config") instanceof Map<?, ?> inner) {
                forEachField((Map<String, Object>) inner, action);
            }
        }
    }
}
