package org.kinspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.bytedeco.javacpp.ClassProperties;
import org.bytedeco.javacpp.Loader;
import org.slf4j.LoggerFactory;

/**
 * Two settings that make ND4J's own start cheaper without changing what it loads or computes, in force
 * only while {@link Nd4jStart} starts ND4J and only where the user set nothing. Both together, ND4J's
 * start (backend and a first op) in a fresh JVM, medians of 7 runs on a loaded machine: 565 instead of
 * 632 ms and 0.57 instead of 0.70 s of process CPU (the JIT compilers find fewer hot loops to compile);
 * with the launcher's JVM options 184 instead of 225 ms, 0.20 instead of 0.25 s.
 *
 * <ul>
 * <li><b>JavaCPP's platform extension, "none".</b> ND4J's native bindings name ten variant builds
 *   (platform extensions such as {@code -avx2}, {@code -onednn}, {@code -compat}). Unless told which
 *   ({@code -Dorg.bytedeco.javacpp.platform.extension}), JavaCPP looks each of the backend's libraries up
 *   in every variant's folder as a class-path resource (in up to three spellings): 110 lookups that find
 *   nothing, each of which asks the class loaders once per parent folder, 8 times, and each asking
 *   walks all of the JDK's modules. When no variant is on the class
 *   path it can only ever load the plain build, so kinspect tells it so, as that option would, after
 *   looking for each variant's JNI library once. The same libraries are loaded (/proc/self/maps). Alone,
 *   in paired runs: 80 ms less process CPU in a plain JVM; 15 ms less CPU and 35 ms less time with the
 *   launcher's options.</li>
 * <li><b>ND4J's initialisation log, off when nobody would see it.</b> ND4J gathers a description of its
 *   backend at start only to log it at INFO ({@code org.nd4j.log.initialization}); when that logger is
 *   off (slf4j-nop, or its level above INFO) the gathering is skipped: about 15 ms of CPU. (The command
 *   line sets the property itself.)</li>
 * </ul>
 *
 * <pre>{@code
 * Nd4jStartSettings settings = Nd4jStartSettings.apply();
 * try {
 *     Nd4j.getBackend();
 * } finally {
 *     settings.restore();
 * }
 * }</pre>
 */
final class Nd4jStartSettings {
    /** The key in JavaCPP's platform properties that {@code -Dorg.bytedeco.javacpp.platform.extension} sets. */
    static final String PLATFORM_EXTENSION = "platform.extension";
    static final String LOG_INITIALIZATION = "org.nd4j.log.initialization";
    /** The class of ND4J's CPU backend whose native libraries JavaCPP loads; absent with another backend. */
    private static final String CPU_BINDINGS = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu";
    /** The logger ND4J's initialisation log goes to (DefaultOpExecutioner.printEnvironmentInformation). */
    private static final String INITIALIZATION_LOGGER = "org.nd4j.linalg.api.ops.executioner.DefaultOpExecutioner";

    /** JavaCPP's platform properties when the extension was set in them, else null. */
    private Properties javacppPlatform;
    private final List<String> applied = new ArrayList<>();

    private Nd4jStartSettings() {}

    /**
     * Applies each setting whose conditions hold; call before ND4J's first class is touched. A setting
     * that cannot be decided (a class missing, an error) is left alone: ND4J then starts as it would.
     */
    static Nd4jStartSettings apply() {
        Nd4jStartSettings settings = new Nd4jStartSettings();
        try {
            settings.onlyThePlainBuildWhenNoVariant();
        } catch (RuntimeException | LinkageError undecided) {
            // JavaCPP searches every variant, as without kinspect
        }
        try {
            settings.noInitializationLogWhenNobodySeesIt();
        } catch (RuntimeException | LinkageError undecided) {
            // ND4J logs its initialisation, as without kinspect
        }
        return settings;
    }

    /** What {@link #apply} set: the keys {@link #PLATFORM_EXTENSION} and {@link #LOG_INITIALIZATION}. */
    List<String> applied() {
        return List.copyOf(applied);
    }

    /** Takes back what {@link #apply} set, so later JavaCPP libraries and ND4J starts in this JVM see nothing. */
    void restore() {
        if (javacppPlatform != null) {
            javacppPlatform.remove(PLATFORM_EXTENSION, "");
        }
        if (applied.contains(LOG_INITIALIZATION)) {
            System.clearProperty(LOG_INITIALIZATION);
        }
    }

    private void onlyThePlainBuildWhenNoVariant() {
        ClassLoader loader = Nd4jStartSettings.class.getClassLoader();
        if (!cpuBindingsPresent(loader)) {
            return;
        }
        // The properties every later Loader.load() reads (JavaCPP copies -Dorg.bytedeco.javacpp.platform.*
        // into them once): a user's -D shows here, and what is put here acts as that -D would.
        Properties platform = Loader.loadProperties();
        if (platform.getProperty(PLATFORM_EXTENSION) == null && onlyThePlainBuild(loader, platform)) {
            platform.setProperty(PLATFORM_EXTENSION, "");
            javacppPlatform = platform;
            applied.add(PLATFORM_EXTENSION);
        }
    }

    private void noInitializationLogWhenNobodySeesIt() {
        if (System.getProperty(LOG_INITIALIZATION) == null
                && !LoggerFactory.getLogger(INITIALIZATION_LOGGER).isInfoEnabled()) {
            System.setProperty(LOG_INITIALIZATION, "false");
            applied.add(LOG_INITIALIZATION);
        }
    }

    private static boolean cpuBindingsPresent(ClassLoader loader) {
        try {
            Class.forName(CPU_BINDINGS, false, loader); // loaded, not initialised: no native code yet
            return true;
        } catch (ClassNotFoundException | LinkageError another) {
            return false;
        }
    }

    /**
     * Whether no variant build of ND4J's CPU backend is on the class path of {@code loader}: its JNI
     * library is looked up in each variant's folder, where JavaCPP would find it.
     */
    static boolean onlyThePlainBuild(ClassLoader loader, Properties javacppPlatform) {
        Class<?> bindings;
        try {
            bindings = Class.forName(CPU_BINDINGS, false, loader);
        } catch (ClassNotFoundException e) {
            return false;
        }
        // Without inheritance: the inherited OpenBLAS classes would be initialised, loading their libraries.
        ClassProperties properties = Loader.loadProperties(bindings, javacppPlatform, false);
        String folder = bindings.getPackageName().replace('.', '/') + "/" + properties.getProperty("platform");
        String library = properties.getProperty("platform.library.prefix", "") + properties.getProperty("platform.library")
                + properties.getProperty("platform.library.suffix", "");
        for (String extension : properties.get(PLATFORM_EXTENSION)) {
            if (!extension.isEmpty() && loader.getResource(folder + extension + "/" + library) != null) {
                return false;
            }
        }
        return true;
    }
}
