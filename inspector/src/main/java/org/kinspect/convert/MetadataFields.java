package org.kinspect.convert;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * Typed reads of a converted model's metadata, each wrong type or missing field one line naming the
 * field: the file is untrusted input, and a cast failing deep inside the import says nothing.
 */
final class MetadataFields {
    private final Path path;

    MetadataFields(Path path) {
        this.path = path;
    }

    KinspectException damaged(String what) {
        return KinspectException.modelFile(path + ": the converted model's " + org.kinspect.file.ConvertedZip.METADATA
                + " is damaged (" + what + "); convert the Keras model again");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object value, String field) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw damaged("'" + field + "' is not an object");
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Object value, String field) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw damaged("'" + field + "' is not a list");
    }

    List<Object> list(Map<String, Object> json, String field) {
        return list(json.get(field), field);
    }

    String text(Object value, String field) {
        if (value instanceof String text) {
            return text;
        }
        throw damaged("'" + field + "' is not text");
    }

    String text(Map<String, Object> json, String field) {
        return text(json.get(field), field);
    }

    String optionalText(Map<String, Object> json, String field) {
        Object value = json.get(field);
        return value == null ? null : text(value, field);
    }

    int integer(Object value, String field) {
        if (value instanceof Integer number) {
            return number;
        }
        throw damaged("'" + field + "' is not a whole number");
    }

    long whole(Object value, String field) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw damaged("'" + field + "' is not a whole number");
    }

    boolean flag(Map<String, Object> json, String field) {
        if (json.get(field) instanceof Boolean flag) {
            return flag;
        }
        throw damaged("'" + field + "' is not true or false");
    }

    List<String> texts(Map<String, Object> json, String field) {
        return list(json, field).stream().map(value -> text(value, field + "[]")).toList();
    }
}
