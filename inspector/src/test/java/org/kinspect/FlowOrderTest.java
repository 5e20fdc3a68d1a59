package org.kinspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's packages depend on one another in the order data flows through them
 * (ARCHITECTURE.md, "The flow"): read from the sources, every reference of one package of kinspect
 * to another (imports, and names written out in code) points down the flow, never up it.
 */
class FlowOrderTest {
    private static final Path SOURCES = Path.of("src/main/java/org/kinspect");
    /** A reference to a type of kinspect: its package, then the type's capitalised name. */
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.kinspect((?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /**
     * The packages, lowest first, as the flow runs: what is lower may be used by what is higher.
     * The sub-packages of {@code graph}, {@code inspect} and {@code report} count as their parent;
     * {@code ""} is the root package, the front door ({@code InspectedModel}): after the steps whose
     * work it hands out, before the packages that take an {@code InspectedModel}.
     */
    private static final List<String> FLOW = List.of("errors", "array", "safety", "custom", "file", "catalog", "config",
            "initializers", "weights", "graph", "shape", "inspect", "gates", "gradients", "convert", "",
            "batch", "units", "eval", "diff", "attribution", "serve", "report");

    @Test
    void theFileStepUsesNothingOfTheStepsAfterIt() {
        // file reads bytes: the configuration is read by config and the weights named by weights, after it
        Set<String> used = references().getOrDefault("file", Map.of()).keySet();
        assertTrue(Set.of("errors", "safety", "array").containsAll(used), "file uses " + used);
    }

    @Test
    void noPackageUsesOneLaterInTheFlow() {
        List<String> upward = new ArrayList<>();
        references().forEach((from, targets) -> {
            int fromRank = rank(from);
            targets.forEach((to, file) -> {
                if (rank(to) > fromRank) {
                    upward.add(from + " -> " + to + " (" + file + ")");
                }
            });
        });
        assertEquals(List.of(), upward, "references up the flow; the order is FlowOrderTest.FLOW");
    }

    private static int rank(String packageName) {
        String step = packageName.split("\\.")[0];
        int rank = FLOW.indexOf(step);
        assertTrue(rank >= 0, "package " + packageName + " has no place in FlowOrderTest.FLOW; add it where the"
                + " flow (ARCHITECTURE.md) puts it");
        return rank;
    }

    /** @return for each package (relative to org.kinspect, "" for the root), the packages it refers to, each with one file that does */
    private static Map<String, Map<String, String>> references() {
        Map<String, Map<String, String>> references = new TreeMap<>();
        for (Path source : sources()) {
            String from = packageOf(source);
            Matcher matcher = REFERENCE.matcher(code(source));
            while (matcher.find()) {
                String to = matcher.group(1).isEmpty() ? "" : matcher.group(1).substring(1);
                if (!to.equals(from)) {
                    references.computeIfAbsent(from, unused -> new TreeMap<>()).putIfAbsent(to,
                            source.getFileName().toString());
                }
            }
        }
        return references;
    }

    private static List<Path> sources() {
        assertTrue(Files.isDirectory(SOURCES), "run from inspector/: " + SOURCES.toAbsolutePath());
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            return walk.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(Path source) {
        Path folder = SOURCES.relativize(source).getParent();
        return folder == null ? "" : folder.toString().replace('/', '.').replace('\\', '.');
    }

    /** The source without comments: Javadoc may name any class, code may not. */
    private static String code(Path source) {
        try {
            return COMMENT.matcher(Files.readString(source)).replaceAll(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
