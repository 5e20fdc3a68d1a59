package org.kinspect.custom;

import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * Reads numbers and names from an initializer's saved configuration, where JSON may give an
 * integer for a float ({@code "scale": 2}) and Keras 3 may wrap a value in a serialized object.
 *
 * <pre>{@code
 * double scale = KerasConfigValues.number(config, "scale", 1.0);
 * }</pre>
 */
public final class KerasConfigValues {

    private KerasConfigValues() {}

    /**
     * @param config an initializer's configuration
     * @param key the field
     * @param fallback what Keras uses when the field is missing or null
     * @return the field as a double
     * @throws KinspectException when the field is there but not a number
     */
    public static double number(Map<String, Object> config, String key, double fallback) {
        Object value = config.get(key);
        // Keras 3 serializes a numpy scalar as {"class_name": "__numpy__", "config": {"value": 0.5}}.
        if (value instanceof Map<?, ?> wrapped && wrapped.get("config") instanceof Map<?, ?> inner) {
            value = inner.get("value");
        }
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw KinspectException.modelFile("initializer field '" + key + "' is " + value + ", not a number");
    }

    /**
     * @param config an initializer's configuration
     * @param key the field
     * @param fallback what Keras uses when the field is missing or null
     * @return the field as a string
     */
    public static String text(Map<String, Object> config, String key, String fallback) {
        Object value = config.get(key);
        return value == null ? fallback : value.toString();
    }

    /**
     * @param config an initializer's configuration
     * @param key the field, e.g. {@code seed}
     * @return the field as a long, or null when missing or not a whole number
     */
    public static Long wholeNumber(Map<String, Object> config, String key) {
        return config.get(key) instanceof Number number ? number.longValue() : null;
    }

    /**
     * @param config an initializer's configuration
     * @param key the field, e.g. {@code input_axes}
     * @return the field as a list of axes, or null when missing
     */
    public static int[] axes(Map<String, Object> config, String key) {
        if (!(config.get(key) instanceof List<?> list)) {
            return null;
        }
        return list.stream().mapToInt(axis -> ((Number) axis).intValue()).toArray();
    }
}
