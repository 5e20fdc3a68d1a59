package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.errors.KinspectException;

/** File names for layer outputs, and the refusals made before anything is written. */
class OutputFolderTest {
    @TempDir
    Path temp;

    @Test
    void namesTakenTwiceGetNumbered() {
        Map<String, Path> files = OutputFolder.check(temp).plan(List.of("a/b", "a_b", "A_B", "a_b-2"), false);

        assertEquals(List.of("a_b.npy", "a_b-2.npy", "A_B-3.npy", "a_b-2-2.npy"),
                files.values().stream().map(file -> file.getFileName().toString()).toList());
    }

    @Test
    void refusesAFileAndAFolderInTheWay() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "");
        assertThrows(KinspectException.class, () -> OutputFolder.check(file));
        assertThrows(KinspectException.class, () -> OutputFolder.check(file.resolve("below")));

        Files.createDirectory(temp.resolve("dense_1.npy"));
        KinspectException refusal = assertThrows(KinspectException.class,
                () -> OutputFolder.check(temp).plan(List.of("dense_1"), true));
        assertTrue(refusal.getMessage().contains("is a folder"), refusal.getMessage());
    }

    @Test
    void aMissingFolderIsCreatedOnlyWhenWriting() {
        Path folder = temp.resolve("a/b");
        OutputFolder output = OutputFolder.check(folder);
        output.plan(List.of("dense_1"), false);
        assertFalse(Files.exists(folder));
    }
}
