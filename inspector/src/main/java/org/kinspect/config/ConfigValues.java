package org.kinspect.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of configuration values (JSON objects as maps, arrays as lists, and their numbers, strings,
 * booleans and nulls) made by walking them once: frozen ones for the model description, which is
 * handed out and shared, and mutable ones for the passes that rewrite a description in place.
 * Key order and nulls are kept, as in the JSON Keras wrote.
 *
 * <pre>{@code
 * Map<String, Object> description = ConfigValues.frozen(functional); // no one changes it after
 * Map<String, Object> forDl4j = ConfigValues.mutableCopy(spec.functionalConfig()); // rewritten in place
 * }</pre>
 */
public final class ConfigValues {

    private ConfigValues() {}

    /**
     * @param map a configuration object
     * @return an unmodifiable copy, unmodifiable all the way down
     */
    public static Map<String, Object> frozen(Map<String, ?> map) {
        return frozenMap(map);
    }

    /**
     * @param map a configuration object
     * @return a copy every map and list of which may be changed, sharing nothing with {@code map}
     */
    public static Map<String, Object> mutableCopy(Map<String, ?> map) {
        return mutableMap(map);
    }

    /**
     * @param list a configuration array
     * @return a copy every map and list of which may be changed, sharing nothing with {@code list}
     */
    public static List<Object> mutableCopy(List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        for (Object item : list) {
            copy.add(mutable(item));
        }
        return copy;
    }

    private static Map<String, Object> frozenMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), frozenValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return frozenMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(frozenValue(item));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static Map<String, Object> mutableMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), mutable(value)));
        return copy;
    }

    private static Object mutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            return mutableMap(map);
        }
        if (value instanceof List<?> list) {
            return mutableCopy(list);
        }
        return value;
    }
}
