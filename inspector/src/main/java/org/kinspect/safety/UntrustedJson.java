package org.kinspect.safety;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kinspect.errors.KinspectException;
import org.nd4j.shade.jackson.core.JsonFactory;
import org.nd4j.shade.jackson.core.JsonParseException;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.core.JsonToken;

/**
 * Parses a JSON object read from a model file (a model configuration, a SavedModel object's Keras
 * metadata) after {@link JsonNesting} has refused nesting no Keras file has, so a hostile file ends
 * in one line, never in a stack overflow. The one JSON parser of the steps that read
 * configurations: {@code file} for metadata, {@code config} and {@code weights} for the model.
 *
 * <p>The text is read with Jackson's streaming parser into the values Jackson's untyped data binding
 * ({@code ObjectMapper.readValue(json, Object.class)}) gives, without the data binding: setting that
 * up (its deserializers found by reflection, annotations read through proxies) loaded about a
 * hundred classes, a tenth of a small model's import in a fresh JVM beside the configuration's own
 * parse.
 *
 * <pre>{@code
 * Map<String, Object> model = UntrustedJson.object(modelConfigJson, "model.h5");
 * model.get("class_name"); // "Sequential"
 * }</pre>
 */
public final class UntrustedJson {
    private static final JsonFactory JSON = new JsonFactory();

    private UntrustedJson() {}

    /**
     * @param json text that should hold a JSON object
     * @param source where it came from, for messages
     * @return the object as nested maps and lists
     * @throws KinspectException when it is not a JSON object, or is nested deeper than any Keras file
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String json, String source) {
        JsonNesting.check(json, source);
        Object parsed;
        try {
            parsed = value(json);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
            throw KinspectException.modelFile(source + ": the model configuration is not valid JSON (" + reason + ")");
        } catch (StackOverflowError e) {
            throw KinspectException.modelFile(source + ": the model configuration is nested too deeply to be a Keras model");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String fails only as JSON
        }
        if (parsed instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw KinspectException.modelFile(source + ": the model configuration is not a Keras model (model_config is "
                + (parsed == null ? "missing" : "a " + parsed.getClass().getSimpleName().toLowerCase(Locale.ROOT)) + ")");
    }

    /**
     * The first JSON value of a text, as Jackson's untyped data binding gives it: objects as
     * {@code LinkedHashMap} (a repeated name keeps its first place and its last value), arrays as
     * {@code ArrayList}, strings, integers as {@code Integer}, {@code Long} or {@code BigInteger} by
     * size, other numbers as {@code Double}, booleans, {@code null}. Text after it is not read. No
     * nesting check: {@link #object} makes it first.
     *
     * <pre>{@code
     * Object metadata = UntrustedJson.value("{\"keras_version\": \"3.6.0\"}"); // {keras_version=3.6.0}
     * }</pre>
     *
     * @param json JSON text
     * @return its first value
     * @throws JsonProcessingException when it is not JSON, or empty (Jackson's own messages)
     */
    public static Object value(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "No content to map due to end-of-input");
            }
            return value(parser);
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                return object;
            case START_ARRAY:
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_EMBEDDED_OBJECT:
                return parser.getEmbeddedObject();
            default:
                throw new JsonParseException(parser, "Unexpected token (" + token + ")");
        }
    }
}
