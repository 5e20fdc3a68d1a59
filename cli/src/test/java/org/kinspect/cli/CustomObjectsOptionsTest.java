package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --strict} and {@code --plugin JAR} on a real Keras 3 model whose LSTM and Dense name a
 * custom initializer, {@code MyPkg>SmallPositive} (inspector/src/test/resources/custom/).
 */
class CustomObjectsOptionsTest {
    static final Path MODEL = Path.of("../inspector/src/test/resources/custom/custom_initializer.keras");

    @TempDir
    Path temp;

    @Test
    void anUnknownInitializerImportsWithOneWarning() {
        Kinspect.Result result = Kinspect.run("summary", MODEL.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(1, result.err().lines().filter(line -> line.startsWith("kinspect: warning:")
                && line.contains("MyPkg>SmallPositive")).count(), result.err());
    }

    @Test
    void strictRefusesItInOneLine() {
        Kinspect.Result result = Kinspect.run("summary", MODEL.toString(), "--strict", "-q");
        assertEquals(ErrorReporter.UNSUPPORTED, result.exitCode());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith("kinspect: ") && result.err().contains("MyPkg>SmallPositive"), result.err());
    }

    @Test
    void aPluginJarRegistersIt() throws IOException {
        Path jar = temp.resolve("small-positive.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/org.kinspect.custom.KinspectPlugin"));
            out.write((SmallPositivePlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Kinspect.Result result = Kinspect.run("summary", MODEL.toString(), "--strict", "--plugin", jar.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertFalse(result.err().contains("warning"), result.err());
    }

    @Test
    void aMissingPluginJarIsOneLine() {
        Kinspect.Result result = Kinspect.run("summary", MODEL.toString(), "--plugin", temp.resolve("none.jar").toString());
        assertEquals(ErrorReporter.BAD_INPUT, result.exitCode());
        assertEquals(1, result.err().lines().filter(line -> line.startsWith("kinspect: ")).count(), result.err());
        assertTrue(result.err().contains("no such plugin jar"), result.err());
    }
}
