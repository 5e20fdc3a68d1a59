package org.kinspect.cli;

import java.util.Map;

/**
 * System properties that keep DL4J, ND4J and JavaCPP from writing where a command-line tool must
 * not: they are set before the first ND4J class loads, and only when the user has not set them
 * with {@code -D}. (Their log messages are already silent: the cli ships slf4j-nop.)
 *
 * <pre>{@code
 * LibrarySettings.apply();   // first thing in KinspectCommand.run
 * }</pre>
 */
final class LibrarySettings {
    private static final Map<String, String> DEFAULTS = Map.of(
            // DL4J writes a memory crash-dump file into the working directory on out-of-memory:
            // kinspect never writes files the user did not ask for.
            "org.deeplearning4j.crash.reporting.enabled", "false",
            // ND4J's version check scans the classpath for jars, which the shaded jar does not have:
            // time spent on every start for warnings nobody sees.
            "org.nd4j.versioncheck", "false",
            // ND4J gathers a description of its backend at start-up only to log it, and the log is silent.
            "org.nd4j.log.initialization", "false",
            // JavaCPP's own logger prints "Warning: ..." lines to stderr; through slf4j(-nop) they
            // stay out of the one-line error contract. A real native failure still surfaces as an exception.
            "org.bytedeco.javacpp.logger", "slf4j");

    private LibrarySettings() {}

    /** Sets each default that the user has not set. */
    static void apply() {
        DEFAULTS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
