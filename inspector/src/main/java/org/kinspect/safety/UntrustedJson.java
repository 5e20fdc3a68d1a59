package org.kinspect.safety;

import java.util.Locale;
import java.util.Map;
import org.kinspect.errors.KinspectException;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Parses a JSON object read from a model file (a model configuration, a SavedModel object's Keras
 * metadata) after {@link JsonNesting} has refused nesting no Keras file has, so a hostile file ends
 * in one line, never in a stack overflow. The one JSON parser of the steps that read
 * configurations: {@code file} for metadata, {@code config} and {@code weights} for the model.
 *
 * <pre>{@code
 * Map<String, Object> model = UntrustedJson.object(modelConfigJson, "model.h5");
 * model.get("class_name"); // "Sequential"
 * }</pre>
 */
public final class UntrustedJson {
    private static final ObjectMapper JSON = new ObjectMapper();

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
            parsed = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
            throw KinspectException.modelFile(source + ": the model configuration is not valid JSON (" + reason + ")");
        } catch (StackOverflowError e) {
            throw KinspectException.modelFile(source + ": the model configuration is nested too deeply to be a Keras model");
        }
        if (parsed instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw KinspectException.modelFile(source + ": the model configuration is not a Keras model (model_config is "
                + (parsed == null ? "missing" : "a " + parsed.getClass().getSimpleName().toLowerCase(Locale.ROOT)) + ")");
    }
}
