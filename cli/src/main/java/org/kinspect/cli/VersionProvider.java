package org.kinspect.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Answers {@code --version} on every command with the Maven project version, read from
 * {@code version.properties}, which Maven fills in when it copies the resources. A resource
 * rather than the jar manifest, so that the answer is the same from the shaded jar and from
 * tests that run on {@code target/classes}.
 *
 * <pre>{@code
 * $ kinspect --version
 * kinspect 0.1.0-SNAPSHOT (DeepLearning4J 1.0.0-M2.1, Java 17.0.15)
 * }</pre>
 */
public final class VersionProvider implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        Properties versions = read();
        return new String[] {"kinspect " + versions.getProperty("version", "(unknown version)")
                + " (DeepLearning4J " + versions.getProperty("deeplearning4j", "unknown")
                + ", Java " + System.getProperty("java.version") + ")"};
    }

    private static Properties read() {
        Properties versions = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            // A jar we cannot read our own resource from has worse problems; say "unknown" here.
        }
        return versions;
    }
}
