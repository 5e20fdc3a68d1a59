package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kinspect.PublicApi;

/**
 * The command line, the samples and the Spark jobs are written against the exported API alone
 * ({@link PublicApi}): every {@code org.kinspect} type they import or name in code is exported, or
 * one of the modules outside the library (the Spark jobs build on the command line's
 * {@code SparkJob}). (The CLI's tests may reach further: they check the library too.) The spark
 * module's {@code ExportedApiCompileTest} compiles the same sources with the library's other
 * classes absent.
 */
class PublicApiBoundaryTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"),
            Path.of("../samples/java/src/main/java"), Path.of("../samples/java/src/test/java"),
            Path.of("../spark/src/main/java"), Path.of("../spark/src/test/java"));

    // The packages of the modules outside the library, which use it: theirs to name.
    private static final List<String> OUTSIDE_LIBRARY = List.of("org.kinspect.cli", "org.kinspect.samples",
            "org.kinspect.spark");

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?(org\\.kinspect\\.[\\w.]+?)(\\.\\*)?\\s*;",
            Pattern.MULTILINE);
    // A qualified name in code: packages in lower case, then a type.
    private static final Pattern QUALIFIED = Pattern.compile("\\borg\\.kinspect(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);

    @Test
    void theCommandLineAndTheSamplesUseOnlyTheExportedApi() {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (Path root : SOURCES) {
            List<Path> sources = javaFiles(root);
            assertTrue(!sources.isEmpty(), root.toAbsolutePath() + ": no sources found");
            files += sources.size();
            for (Path source : sources) {
                violations.addAll(violations(source.toString(), read(source)));
            }
        }
        assertTrue(files > 70, "only " + files + " sources read");
        assertEquals(List.of(), violations, "internal types used outside the library: export them in PublicApi "
                + "(and say so in their package-info) or give the CLI a read-only view on the exported side");
    }

    @Test
    void internalImportsAndNamesAreCaught() {
        String source = """
                package org.kinspect.cli;
                import org.kinspect.InspectedModel;
                import org.kinspect.config.LayerSpec;
                import org.kinspect.shape.KerasShape;
                import org.kinspect.graph.*;
                import static org.kinspect.ModelInternals.spec;
                import static org.kinspect.inspect.memory.ByteSize.human;
                import org.kinspect.cli.SparkJob;
                import org.kinspect.spark.KinspectSpark;
                import org.kinspect.inspect.ActivationProbe;
                import org.kinspect.convert.*;
                class Example {
                    // org.kinspect.file.ModelArchive in a comment is no use
                    String text = "org.kinspect.file.KerasFile in a string is none either";
                    Object archive = org.kinspect.file.ModelArchive.class;
                    Object origin = org.kinspect.config.InitialStateSource.Origin.class;
                    Object writer = org.kinspect.convert.ConvertedModelWriter.class;
                    Object job = org.kinspect.cli.SparkJob.class;
                }
                """;

        assertEquals(List.of("Example.java: org.kinspect.config.LayerSpec", "Example.java: org.kinspect.graph.*",
                "Example.java: org.kinspect.ModelInternals", "Example.java: org.kinspect.inspect.ActivationProbe",
                "Example.java: org.kinspect.convert.*", "Example.java: org.kinspect.file.ModelArchive",
                "Example.java: org.kinspect.convert.ConvertedModelWriter"),
                violations("Example.java", source));
    }

    private static List<String> violations(String file, String source) {
        List<String> found = new ArrayList<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            String name = imports.group(2);
            boolean wildcard = imports.group(3) != null;
            if (wildcard && imports.group(1) == null) {
                if (!PublicApi.isExportedPackage(name) && !OUTSIDE_LIBRARY.contains(name)) {
                    found.add(file + ": " + name + ".*");
                }
                continue;
            }
            // import static a.b.Type.member: the type is the name without its member
            String type = imports.group(1) != null && !wildcard ? name.substring(0, name.lastIndexOf('.')) : name;
            if (!allowed(type)) {
                found.add(file + ": " + type);
            }
        }
        String code = COMMENTS_AND_STRINGS.matcher(source).replaceAll(" ");
        code = IMPORT.matcher(code).replaceAll("");
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            if (!allowed(qualified.group())) {
                found.add(file + ": " + qualified.group());
            }
        }
        return found;
    }

    private static boolean allowed(String type) {
        return PublicApi.isExported(type) || OUTSIDE_LIBRARY.stream().anyMatch(module -> type.startsWith(module + "."));
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
