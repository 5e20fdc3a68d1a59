package org.kinspect.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RenamedClassesTest {

    @Test
    void everyOldNameIsGoneAndEveryCurrentNameIsAClassDl4jCanMake() throws ClassNotFoundException {
        for (Map.Entry<String, String> renamed : RenamedClasses.CURRENT_NAMES.entrySet()) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(renamed.getKey(), false, getClass().getClassLoader()),
                    renamed.getKey() + " still exists: a file naming it needs no renaming");
            Class<?> current = Class.forName(renamed.getValue(), false, getClass().getClassLoader());
            assertEquals(renamed.getValue(), current.getName());
        }
    }

    @Test
    void replacesWholeJsonStringsOnly() {
        String json = "{\"@class\":\"org.kinspect.graph.masking.KerasMaskedRnn\","
                + "\"note\":\"org.kinspect.graph.masking.KerasMaskedRnnLike\"}";
        assertEquals("{\"@class\":\"org.kinspect.graph.masking.MaskedRnn\","
                + "\"note\":\"org.kinspect.graph.masking.KerasMaskedRnnLike\"}", RenamedClasses.inCurrentNames(json));
    }
}
