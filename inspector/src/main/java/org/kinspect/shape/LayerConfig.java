package org.kinspect.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kinspect.config.LayerSpec;

/**
 * Reads a layer's configuration under the names any Keras version gave a field ({@code units} in
 * Keras 2 and 3, {@code output_dim} in Keras 1), for the shape rules.
 *
 * <pre>{@code
 * LayerConfig config = new LayerConfig(layer);
 * int units = config.integer("units", "output_dim");
 * List<Integer> kernel = config.integers(2, "kernel_size");  // 3 -> [3, 3]
 * }</pre>
 */
final class LayerConfig {
    private final LayerSpec layer;
    private final Map<String, Object> config;

    LayerConfig(LayerSpec layer) {
        this.layer = layer;
        this.config = layer.config();
    }

    /** @return the first of the named fields the configuration has, or null */
    Object value(String... names) {
        for (String name : names) {
            if (config.get(name) != null) return config.get(name);
        }
        return null;
    }

    /** @return whether the configuration has one of the named fields */
    boolean has(String... names) {
        return value(names) != null;
    }

    /** @return the named field as an integer */
    int integer(String... names) {
        Object value = value(names);
        if (value instanceof List<?> list && list.size() == 1) value = list.get(0);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("with no integer " + String.join(" or ", names));
        }
        return number.intValue();
    }

    /** @return the named field as an integer, or {@code fallback} when it has none */
    int integer(int fallback, String... names) {
        return has(names) ? integer(names) : fallback;
    }

    /** @return the named boolean field, false when absent */
    boolean flag(String... names) {
        return Boolean.TRUE.equals(value(names));
    }

    /** @return the named field as text, or {@code fallback} */
    String text(String fallback, String... names) {
        Object value = value(names);
        return value == null ? fallback : value.toString();
    }

    /**
     * @param count how many values a field of one value stands for
     * @return the named field as {@code count} integers: one integer is repeated
     */
    List<Integer> integers(int count, String... names) {
        return integers(value(names), count, String.join(" or ", names));
    }

    static List<Integer> integers(Object value, int count, String what) {
        List<Integer> values = new ArrayList<>();
        if (value instanceof Number number) {
            for (int i = 0; i < count; i++) values.add(number.intValue());
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Number number)) throw new IllegalArgumentException("with a " + what + " of " + value);
                values.add(number.intValue());
            }
        } else {
            throw new IllegalArgumentException("with no " + what);
        }
        if (values.size() != count) throw new IllegalArgumentException("with a " + what + " of " + value);
        return values;
    }

    /** @return true when the layer keeps channels before its spatial axes */
    boolean channelsFirst() {
        return "channels_first".equals(layer.dataFormat());
    }

    /** @return the nested layer a wrapper holds ({@code TimeDistributed}, {@code Bidirectional}), as a spec */
    LayerSpec wrapped() {
        if (!(config.get("layer") instanceof Map<?, ?> wrapped) || !(wrapped.get("config") instanceof Map<?, ?> inner)) {
            throw new IllegalArgumentException("with no wrapped layer");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> innerConfig = (Map<String, Object>) inner;
        return new LayerSpec(layer.name(), String.valueOf(wrapped.get("class_name")), innerConfig, layer.inboundTensors());
    }
}
