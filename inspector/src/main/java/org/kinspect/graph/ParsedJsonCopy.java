package org.kinspect.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A copy of a description in exactly the Java types DL4J's Keras importer would get by parsing the
 * description written as JSON (its {@code KerasModelUtils.parseJsonString}: Jackson, no options):
 * the outer object a {@code HashMap}, inner objects {@code LinkedHashMap}s, arrays {@code ArrayList}s,
 * whole numbers {@code Integer} (or {@code Long} beyond an int), other numbers {@code Double} as their
 * written text reads back (a float's shortest text, not its exact double), NaN and infinities the
 * strings Jackson writes for them. Handing this copy to DL4J's mappers spares writing the description
 * as text and DL4J parsing it again with a new parser (about a tenth of a small model's import); the
 * mappers see the same values.
 *
 * <pre>{@code
 * Optional<Map<String, Object>> forDl4j = ParsedJsonCopy.of(run.dl4jConfig);
 * // empty: a value of a type JSON would turn into something else; write the JSON instead
 * }</pre>
 */
final class ParsedJsonCopy {

    private ParsedJsonCopy() {}

    /**
     * @param description a description of maps, lists, strings, numbers, booleans and nulls
     * @return its copy as Jackson's parse of its JSON would give it, or empty when it holds a value
     *     of another type (an array, an enum, a bean), whose JSON form this copy does not reproduce
     */
    static Optional<Map<String, Object>> of(Map<String, ?> description) {
        try {
            Map<String, Object> copy = new HashMap<>();
            description.forEach((key, value) -> copy.put(key, copied(value)));
            return Optional.of(copy);
        } catch (NotJsonValue e) {
            return Optional.empty();
        }
    }

    private static Object copied(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new NotJsonValue();
                }
                copy.put(key, copied(entry.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(copied(item));
            }
            return copy;
        }
        if (value instanceof Long || value instanceof Short || value instanceof Byte) {
            long whole = ((Number) value).longValue();
            return whole == (int) whole ? (Object) (int) whole : (Object) whole;
        }
        if (value instanceof Double number) {
            return Double.isFinite(number) ? number : number.toString();
        }
        if (value instanceof Float number) {
            // Jackson writes a float as its shortest text, which reads back as the nearest double to that text.
            return Float.isFinite(number) ? (Object) Double.parseDouble(number.toString()) : number.toString();
        }
        throw new NotJsonValue();
    }

    /** A value whose JSON form this copy does not reproduce. */
    private static final class NotJsonValue extends RuntimeException {
        NotJsonValue() {
            super(null, null, false, false);
        }
    }
}
