package org.kinspect.custom;

import java.util.Map;
import java.util.Optional;

/**
 * An initializer as a layer configuration names it: a Keras 1 string ({@code "glorot_uniform"}),
 * or a Keras 2/3 object ({@code {"class_name": "SmallPositive", "config": {...},
 * "registered_name": "MyPkg>SmallPositive"}}).
 *
 * <pre>{@code
 * InitializerSpec.of(layerConfig.get("kernel_initializer")).map(InitializerSpec::displayName); // MyPkg>SmallPositive
 * }</pre>
 *
 * @param className the class or function name
 * @param registeredName Keras 3's registered name ({@code package>name}), or null
 * @param config the saved configuration, empty when there is none
 */
public record InitializerSpec(String className, String registeredName, Map<String, Object> config) {

    /**
     * @param value a layer configuration's initializer field
     * @return what it names, or empty when the field is null or not an initializer
     */
    @SuppressWarnings("unchecked")
    public static Optional<InitializerSpec> of(Object value) {
        if (value instanceof String name) {
            return Optional.of(new InitializerSpec(name, null, Map.of()));
        }
        if (value instanceof Map<?, ?> map && map.get("class_name") instanceof String name) {
            Map<String, Object> config = map.get("config") instanceof Map<?, ?> inner
                    ? (Map<String, Object>) inner : Map.of();
            Object registered = map.get("registered_name");
            return Optional.of(new InitializerSpec(name, registered instanceof String text ? text : null, config));
        }
        return Optional.empty();
    }

    /** @return the name to show: the registered name when Keras wrote one, else the class name */
    public String displayName() {
        return registeredName != null ? registeredName : className;
    }
}
