package org.kinspect;

import java.nio.file.Path;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What {@link Nd4jStartTest} runs in a JVM of its own: ND4J's start, or an import, and what it
 * threw, one line: {@code THREW class: message <- cause class: cause message ...}, or {@code DONE}.
 *
 * <pre>{@code
 * java -cp TEST_CLASSPATH org.kinspect.Nd4jStartChild start
 * java -cp TEST_CLASSPATH org.kinspect.Nd4jStartChild import model.keras
 * }</pre>
 */
public final class Nd4jStartChild {
    private Nd4jStartChild() {}

    public static void main(String[] arguments) {
        try {
            if (arguments[0].equals("start")) {
                Nd4j.getBackend();
            } else {
                InspectedModel.open(Path.of(arguments[1])).graph();
            }
            System.out.println("DONE");
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
}
