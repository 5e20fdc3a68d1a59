package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** The two forms of {@code --input}. */
class InputArgumentTest {
    @TempDir
    Path temp;

    @Test
    void bareFileOrNameEqualsFile() {
        assertNull(InputArgument.parse("x.npy").name());
        assertEquals(new InputArgument("signal", Path.of("data/x.npy")), InputArgument.parse("signal=data/x.npy"));
        assertEquals(new InputArgument("a", Path.of("b=c.npy")), InputArgument.parse("a=b=c.npy"));
    }

    @Test
    void anExistingFileWithEqualsInItsNameIsAFile() throws IOException {
        Path file = Files.createFile(temp.resolve("run=3.npy"));

        assertEquals(new InputArgument(null, file), InputArgument.parse(file.toString()));
    }

    @Test
    void emptyPartsAreRefused() {
        assertThrows(TypeConversionException.class, () -> InputArgument.parse("=x.npy"));
        assertThrows(TypeConversionException.class, () -> InputArgument.parse("signal="));
        assertThrows(TypeConversionException.class, () -> InputArgument.parse(""));
    }
}
