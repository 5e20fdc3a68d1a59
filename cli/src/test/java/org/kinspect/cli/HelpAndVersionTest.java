package org.kinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --help} and {@code --version} work on every command, without a model. */
class HelpAndVersionTest {

    @Test
    void helpOnEveryCommand() {
        for (String[] arguments : new String[][] {{"--help"}, {"summary", "--help"}, {"verify", "-h"}}) {
            Kinspect.Result result = Kinspect.run(arguments);
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().startsWith("Usage: kinspect"), result.out());
            assertEquals("", result.err());
        }
        String help = Kinspect.run("--help").out();
        assertTrue(help.contains("--input=[NAME=]FILE") && help.contains("block_1_conv.npy"), help);
        assertTrue(Kinspect.run("verify", "--help").out().contains("--tolerance=T"));
    }

    @Test
    void versionOnEveryCommandIsTheMavenVersion() {
        for (String[] arguments : new String[][] {{"--version"}, {"summary", "--version"}, {"verify", "-V"}}) {
            Kinspect.Result result = Kinspect.run(arguments);
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().matches("kinspect \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(DeepLearning4J [^)]+, Java [^)]+\\)\\R"),
                    result.out());
        }
    }
}
