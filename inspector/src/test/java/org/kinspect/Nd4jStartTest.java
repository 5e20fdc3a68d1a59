package org.kinspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An import starts ND4J on a thread of its own ({@link Nd4jStart}) and waits for it before the
 * graph is built: when ND4J cannot start, the import throws what ND4J's start threw, as starting
 * ND4J alone throws it (and not a JavaCPP error of whatever touched native code first). Each run
 * is a JVM of its own, whose JavaCPP is told not to load native libraries.
 */
class Nd4jStartTest {
    private static final String MODEL = "src/test/resources/keras3/batchnorm_flags.keras";

    @Test
    void anImportThrowsWhatNd4jsStartThrew() throws Exception {
        String started = child("start");
        assertTrue(started.startsWith("THREW java.lang.ExceptionInInitializerError"), started);
        assertTrue(started.contains("ND4J is probably missing dependencies"), started);
        assertEquals(started, child("import", MODEL));
    }

    @Test
    void anImportWithNd4jRuns() throws Exception {
        assertEquals("DONE", childWithNatives("import", MODEL));
    }

    private static String child(String... arguments) throws IOException, InterruptedException {
        return run(List.of("-Dorg.bytedeco.javacpp.loadlibraries=false"), arguments);
    }

    private static String childWithNatives(String... arguments) throws IOException, InterruptedException {
        return run(List.of(), arguments);
    }

    private static String run(List<String> options, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.bytedeco.javacpp.logger=slf4j"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Nd4jStartChild.class.getName()));
        command.addAll(List.of(arguments));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not end");
        return output.lines().filter(line -> line.startsWith("THREW") || line.startsWith("DONE")).findFirst()
                .orElse("no result: " + output);
    }
}
