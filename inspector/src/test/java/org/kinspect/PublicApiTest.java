package org.kinspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link PublicApi} is the one list of what is exported, and every package says the same in its
 * {@code package-info.java}: <b>Exported</b> for a listed package, <b>Internal</b> for the others,
 * naming the listed types it exports.
 */
class PublicApiTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyPackageSaysWhetherItIsExported() throws IOException {
        List<String> wrong = new ArrayList<>();
        List<String> packages = packages();
        assertTrue(packages.size() > 30, packages.toString());
        for (String name : packages) {
            Path info = SOURCES.resolve(name.replace('.', '/')).resolve("package-info.java");
            if (!Files.exists(info)) {
                wrong.add(name + ": no package-info.java");
                continue;
            }
            String text = Files.readString(info);
            boolean exported = PublicApi.isExportedPackage(name);
            if (exported != text.contains("<b>Exported</b>") || exported == text.contains("<b>Internal</b>")) {
                wrong.add(name + ": PublicApi says " + (exported ? "exported" : "internal"));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyListedPackageAndTypeExists() throws IOException {
        List<String> packages = packages();
        for (String name : PublicApi.PACKAGES) {
            assertTrue(packages.contains(name), name + " is no package of the library");
        }
        for (String type : PublicApi.TYPES) {
            String packageName = type.substring(0, type.lastIndexOf('.'));
            assertTrue(Files.exists(SOURCES.resolve(type.replace('.', '/') + ".java")), type + " does not exist");
            assertFalse(PublicApi.isExportedPackage(packageName), type + ": its whole package is exported already");
            String info = Files.readString(SOURCES.resolve(packageName.replace('.', '/')).resolve("package-info.java"));
            assertTrue(info.contains(type.substring(packageName.length() + 1)), packageName + "'s package-info does not name "
                    + type + " as exported");
        }
    }

    @Test
    void typesAreExportedByPackageOrByName() {
        assertTrue(PublicApi.isExported("org.kinspect.InspectedModel"));
        assertTrue(PublicApi.isExported("org.kinspect.KinspectException.Problem"));
        assertTrue(PublicApi.isExported("org.kinspect.inspect.memory.MemoryPlan"));
        assertTrue(PublicApi.isExported("org.kinspect.shape.KerasShape"));
        assertTrue(PublicApi.isExported("org.kinspect.config.InitialStateSource.Origin"));
        assertFalse(PublicApi.isExported("org.kinspect.shape.ShapeModel"));
        assertFalse(PublicApi.isExported("org.kinspect.config.LayerSpec"));
        assertFalse(PublicApi.isExported("org.kinspect.file.ModelArchive"));
        assertFalse(PublicApi.isExported("org.kinspect.internal.ModelInternals"));
        assertFalse(PublicApi.isExported("org.kinspect.graph.layers.KinspectKerasLayers"));
    }

    /** @return every package of the library with a Java source */
    private static List<String> packages() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> SOURCES.relativize(file.getParent()).toString().replace('/', '.'))
                    .distinct().sorted().toList();
        }
    }
}
