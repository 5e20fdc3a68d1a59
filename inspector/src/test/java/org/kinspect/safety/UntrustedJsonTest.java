package org.kinspect.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.KerasFile;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@link UntrustedJson} reads JSON into exactly what Jackson's untyped data binding
 * ({@code ObjectMapper.readValue(json, Object.class)}, what it used before) gives: the same Java
 * types, the same key order, the same numbers; and fails with the same messages.
 */
class UntrustedJsonTest {
    private static final ObjectMapper DATA_BINDING = new ObjectMapper();

    @Test
    void everyTestModelsConfigurationParsesAsJacksonsDataBindingParsesIt() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            models = files.filter(file -> file.toString().endsWith(".keras")
                    || (file.toString().endsWith(".h5") && !file.toString().endsWith("_io.h5"))).sorted().toList();
        }
        int compared = 0;
        for (Path model : models) {
            String json;
            try {
                json = KerasFile.open(model).modelConfigJson();
            } catch (KinspectException e) {
                continue; // a weights-only or deliberately broken file
            }
            if (json == null) {
                continue;
            }
            assertSameParse(DATA_BINDING.readValue(json, Object.class), UntrustedJson.value(json), model.toString());
            compared++;
        }
        assertTrue(compared > 400, compared + " models compared");
    }

    @Test
    void numbersStringsAndRepeatedNamesAreWhatDataBindingGives() throws IOException {
        String json = "{\"int\": 7, \"negative\": -2147483648, \"long\": 2147483648, \"big\": 123456789012345678901234,"
                + " \"float\": 0.1, \"exponent\": 1e-7, \"whole float\": 2.0, \"text\": \"caf\\u00e9 \\\"q\\\"\","
                + " \"yes\": true, \"no\": false, \"nothing\": null, \"empty\": {}, \"none\": [],"
                + " \"nested\": [[1, 2.5], {\"a\": [null, {}]}], \"int\": 8, \"last\": \"x\"} trailing text";
        Object ours = UntrustedJson.value(json);
        assertSameParse(DATA_BINDING.readValue(json, Object.class), ours, json);
        assertEquals(List.of("int", "negative", "long", "big", "float", "exponent", "whole float", "text", "yes", "no",
                "nothing", "empty", "none", "nested", "last"), new ArrayList<>(((Map<?, ?>) ours).keySet()));
        for (String top : List.of("[1, \"a\", null]", "\"text\"", "3", "null")) {
            assertSameParse(DATA_BINDING.readValue(top, Object.class), UntrustedJson.value(top), top);
        }
    }

    @Test
    void brokenJsonFailsWithDataBindingsMessages() {
        for (String broken : List.of("", "   ", "{\"a\": 1", "[1, 2", "{\"a\" 1}", "{'a': 1}", "{\"a\": NaN}", "]",
                "{\"a\": tru}")) {
            JsonProcessingException expected = assertThrows(JsonProcessingException.class,
                    () -> DATA_BINDING.readValue(broken, Object.class), broken);
            JsonProcessingException ours = assertThrows(JsonProcessingException.class, () -> UntrustedJson.value(broken),
                    broken);
            assertEquals(expected.getOriginalMessage(), ours.getOriginalMessage(), broken);
        }
    }

    @Test
    void aConfigurationThatIsNoObjectIsRefusedInOneLine() {
        KinspectException error = assertThrows(KinspectException.class, () -> UntrustedJson.object("[1]", "m.h5"));
        assertEquals("m.h5: the model configuration is not a Keras model (model_config is a arraylist)", error.getMessage());
        error = assertThrows(KinspectException.class, () -> UntrustedJson.object("", "m.h5"));
        assertEquals("m.h5: the model configuration is not valid JSON (No content to map due to end-of-input)",
                error.getMessage());
    }

    /** Equal values of the same classes, maps with their keys in the same order, all the way down. */
    private static void assertSameParse(Object expected, Object actual, String where) {
        if (expected == null) {
            assertEquals(null, actual, where);
            return;
        }
        assertEquals(expected.getClass(), actual == null ? null : actual.getClass(), where);
        if (expected instanceof Map<?, ?> map) {
            Map<?, ?> other = (Map<?, ?>) actual;
            assertEquals(new ArrayList<>(map.keySet()), new ArrayList<>(other.keySet()), where);
            map.forEach((key, value) -> assertSameParse(value, other.get(key), where + " > " + key));
        } else if (expected instanceof List<?> list) {
            List<?> other = (List<?>) actual;
            assertEquals(list.size(), other.size(), where);
            for (int i = 0; i < list.size(); i++) {
                assertSameParse(list.get(i), other.get(i), where + " > " + i);
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }
}
