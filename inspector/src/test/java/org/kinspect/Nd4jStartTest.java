package org.kinspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import starts ND4J on a thread of its own ({@link Nd4jStart}) and waits for it before the
 * graph is built: when ND4J cannot start, the import throws what ND4J's start threw, as starting
 * ND4J alone throws it (and not a JavaCPP error of whatever touched native code first). Each run
 * is a JVM of its own, whose JavaCPP is told not to load native libraries. The settings that make
 * kinspect's start cheaper ({@link Nd4jStartSettings}) hold only while it starts ND4J, never
 * override what the user set, and step aside when a variant build of ND4J is on the class path.
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

    @Test
    void theStartSettingsHoldOnlyWhileNd4jStarts() throws Exception {
        // slf4j-nop on the test class path: ND4J's initialisation log is seen by nobody
        assertEquals("DONE applied=[platform.extension, org.nd4j.log.initialization] during=,false after=null,null",
                childWithNatives("settings"));
    }

    @Test
    void whatTheUserSetIsKept() throws Exception {
        List<String> userSet = List.of("-Dorg.bytedeco.javacpp.platform.extension=-avx2", "-Dorg.nd4j.log.initialization=true");
        assertEquals("DONE applied=[] during=-avx2,true after=-avx2,true", run(userSet, "settings"));
        // and ND4J starts with them (JavaCPP finds no -avx2 build and loads the plain one)
        assertEquals("DONE after=-avx2,true", run(userSet, "kinspect-start"));
    }

    @Test
    void kinspectsStartOfNd4jLeavesNothingSet() throws Exception {
        assertEquals("DONE after=null,null", childWithNatives("kinspect-start"));
    }

    @Test
    void kinspectsStartLoadsTheNativeLibrariesNd4jsOwnStartLoads() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/maps")), "a Linux process map");
        String nd4jsOwn = childWithNatives("libraries");
        assertTrue(nd4jsOwn.contains("nd4jcpu") && nd4jsOwn.contains("openblas"), nd4jsOwn);
        assertEquals(nd4jsOwn, childWithNatives("kinspect-libraries"));
    }

    @Test
    void aVariantBuildOnTheClassPathKeepsJavacppsOwnSearch(@TempDir Path classPath) throws Exception {
        Properties platform = Loader.loadProperties(Loader.getPlatform(), null);
        ClassLoader plain = Nd4jStartTest.class.getClassLoader();
        assertTrue(Nd4jStartSettings.onlyThePlainBuild(plain, platform), "no variant on the test class path");
        // an -avx2 build's JNI library where ND4J's variant jar puts it
        Path folder = classPath.resolve("org/nd4j/linalg/cpu/nativecpu/bindings/" + Loader.getPlatform() + "-avx2");
        Files.createDirectories(folder);
        Files.write(folder.resolve(System.mapLibraryName("jnind4jcpu")), new byte[0]);
        try (URLClassLoader withVariant = new URLClassLoader(new URL[] {classPath.toUri().toURL()}, plain)) {
            assertFalse(Nd4jStartSettings.onlyThePlainBuild(withVariant, platform));
        }
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
