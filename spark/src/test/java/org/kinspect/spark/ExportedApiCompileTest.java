package org.kinspect.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.PublicApi;
import org.kinspect.cli.KinspectCommand;

/**
 * The command line, the samples and the Spark jobs compile against the exported API alone (issue
 * 17): their sources are compiled with {@code javac} against a class path where the library holds
 * only its exported classes ({@link PublicApi}: exported packages, the exported types of internal
 * packages, without the types kept to the library). The third-party jars stay as they are. Here,
 * in the spark module, because its class path is the only one that holds everything the three
 * need (the library, picocli, Spark, JUnit). {@code PublicApiBoundaryTest} in the CLI reads the
 * same sources' imports and names, with a message per name; this test asks the compiler, which
 * also sees what a name does not show (a method's return type used without naming it).
 */
class ExportedApiCompileTest {

    private static final List<Path> SOURCES = List.of(Path.of("../cli/src/main/java"),
            Path.of("../samples/java/src/main/java"), Path.of("../samples/java/src/test/java"),
            Path.of("src/main/java"), Path.of("src/test/java"));

    @Test
    void theCommandLineTheSamplesAndTheSparkJobsCompileAgainstTheExportedClassesAlone(@TempDir Path temporary)
            throws IOException, URISyntaxException {
        Path library = classesOf(PublicApi.class);
        Path exported = temporary.resolve("exported");
        int[] kept;
        if (Files.isDirectory(library)) {
            kept = exportedClasses(library, exported);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(library)) { // the library's jar, outside the reactor
                kept = exportedClasses(jar.getPath("/"), exported);
            }
        }
        assertTrue(kept[0] > 100 && kept[1] > 100, kept[0] + " classes kept, " + kept[1] + " left out");
        assertTrue(!Files.exists(exported.resolve("org/kinspect/graph/ImportedGraph.class"))
                && !Files.exists(exported.resolve("org/kinspect/inspect/ActivationProbe.class"))
                && Files.exists(exported.resolve("org/kinspect/InspectedModel.class")));

        // Everything else on this test's class path, but the modules compiled here from their sources.
        Set<Path> fromSources = Set.of(library, classesOf(KinspectCommand.class), classesOf(KinspectSpark.class),
                classesOf(ExportedApiCompileTest.class));
        List<String> classPath = new ArrayList<>(List.of(exported.toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !fromSources.contains(Path.of(entry).toAbsolutePath().normalize())) {
                classPath.add(entry);
            }
        }
        List<String> sources = new ArrayList<>();
        for (Path root : SOURCES) {
            List<String> files = javaFiles(root);
            assertTrue(!files.isEmpty(), root.toAbsolutePath() + ": no sources");
            sources.addAll(files);
        }

        String failures = compile(classPath, sources, temporary.resolve("out"));
        assertEquals("", failures, "sources outside the library need classes it does not export");

        // The check can fail: a type kept to the library and one of an internal package are absent.
        Path probe = Files.writeString(Files.createDirectories(temporary.resolve("probe")).resolve("Probe.java"), """
                class Probe {
                    Object probe = org.kinspect.inspect.ActivationProbe.class;
                    Object graph = org.kinspect.graph.ImportedGraph.class;
                }
                """);
        String refused = compile(classPath, List.of(probe.toString()), temporary.resolve("probe-out"));
        assertTrue(refused.contains("ActivationProbe") && refused.contains("ImportedGraph"), refused);
    }

    /** @return javac's messages when it fails, empty when it compiles */
    private static String compile(List<String> classPath, List<String> sources, Path out) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-encoding", "UTF-8",
                "--release", "17", "-d", Files.createDirectories(out).toString(),
                "-cp", String.join(File.pathSeparator, classPath)));
        arguments.addAll(sources);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int exit = compiler.run(null, messages, messages, arguments.toArray(String[]::new));
        return exit == 0 ? "" : messages.toString(StandardCharsets.UTF_8);
    }

    /**
     * Copies the exported class files (nested ones with their top-level type).
     *
     * @return how many class files were kept and how many left out
     */
    private static int[] exportedClasses(Path library, Path target) throws IOException {
        int[] counts = new int[2];
        List<Path> classes;
        try (Stream<Path> files = Files.walk(library)) {
            classes = files.filter(file -> file.toString().endsWith(".class")).toList();
        }
        for (Path file : classes) {
            String relative = library.relativize(file).toString().replace(File.separatorChar, '/');
            if (relative.startsWith("META-INF/")) {
                continue;
            }
            String binaryName = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            String typeName = binaryName.replace('$', '.');
            boolean keep = binaryName.endsWith(".package-info")
                    ? PublicApi.isExportedPackage(binaryName.substring(0, binaryName.lastIndexOf('.')))
                    : PublicApi.isExported(typeName);
            if (keep) {
                Path copy = target.resolve(relative);
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
            counts[keep ? 0 : 1]++;
        }
        return counts;
    }

    private static Path classesOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
    }

    private static List<String> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
