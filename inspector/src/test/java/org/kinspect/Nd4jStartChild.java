package org.kinspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What {@link Nd4jStartTest} runs in a JVM of its own: ND4J's start, or an import, and what it
 * threw, one line: {@code THREW class: message <- cause class: cause message ...}, or {@code DONE};
 * or kinspect's start settings ({@link Nd4jStartSettings}), applied then restored, or kinspect's start
 * of ND4J ({@link Nd4jStart}), each followed by the two settings' values:
 * {@code DONE applied=[...] during=EXTENSION,LOG after=EXTENSION,LOG}.
 *
 * <pre>{@code
 * java -cp TEST_CLASSPATH org.kinspect.Nd4jStartChild start
 * java -cp TEST_CLASSPATH org.kinspect.Nd4jStartChild import model.keras
 * java -cp TEST_CLASSPATH org.kinspect.Nd4jStartChild settings
 * java -cp TEST_CLASSPATH org.kinspect.Nd4jStartChild kinspect-start
 * java -cp TEST_CLASSPATH org.kinspect.Nd4jStartChild libraries|kinspect-libraries   (the .so files mapped after the start)
 * }</pre>
 */
public final class Nd4jStartChild {
    private Nd4jStartChild() {}

    public static void main(String[] arguments) {
        try {
            switch (arguments[0]) {
                case "start" -> {
                    Nd4j.getBackend();
                    System.out.println("DONE");
                }
                case "settings" -> {
                    Nd4jStartSettings settings = Nd4jStartSettings.apply();
                    String during = settingValues();
                    settings.restore();
                    System.out.println("DONE applied=" + settings.applied() + " during=" + during + " after=" + settingValues());
                }
                case "kinspect-start" -> {
                    Nd4jStart.ahead();
                    Nd4jStart.await();
                    System.out.println("DONE after=" + settingValues());
                }
                case "libraries" -> {
                    Nd4j.getBackend();
                    System.out.println("DONE " + nativeLibraries());
                }
                case "kinspect-libraries" -> {
                    Nd4jStart.ahead();
                    Nd4jStart.await();
                    System.out.println("DONE " + nativeLibraries());
                }
                default -> {
                    InspectedModel.open(Path.of(arguments[1])).graph();
                    System.out.println("DONE");
                }
            }
        } catch (Throwable thrown) {
            StringBuilder line = new StringBuilder("THREW");
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                line.append(cause == thrown ? " " : " <- ").append(cause.getClass().getName()).append(": ")
                        .append(cause.getMessage());
            }
            System.out.println(line);
        }
        System.out.flush();
        System.exit(0); // ND4J leaves non-daemon threads behind
    }

    /** The shared libraries this process has mapped (Linux), sorted, one path after another. */
    private static String nativeLibraries() throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.map(line -> line.substring(line.lastIndexOf(' ') + 1)).filter(file -> file.contains(".so"))
                    .distinct().sorted().collect(Collectors.joining(" "));
        }
    }

    /** JavaCPP's platform extension (as its loads see it) and ND4J's initialisation-log property. */
    private static String settingValues() {
        return Loader.loadProperties().getProperty(Nd4jStartSettings.PLATFORM_EXTENSION) + ","
                + System.getProperty(Nd4jStartSettings.LOG_INITIALIZATION);
    }
}
