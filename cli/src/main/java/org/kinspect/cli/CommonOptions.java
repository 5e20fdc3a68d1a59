package org.kinspect.cli;

import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kinspect.ImportOptions;
import org.kinspect.custom.CustomObjects;
import org.kinspect.errors.KinspectException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The options every kinspect command takes: {@code --json}, {@code --quiet}, {@code --debug},
 * {@code --strict} and {@code --plugin JAR}; and the command's own command line.
 * Mixed into each command with {@code @Mixin}.
 *
 * <pre>{@code
 * @Mixin CommonOptions common;
 * Progress progress = common.progress(err);   // silent under --json or --quiet
 * }</pre>
 */
public final class CommonOptions {
    /** The option name {@link ErrorReporter} looks for to decide whether to print a stack trace. */
    static final String DEBUG = "--debug";

    @Option(names = "--json", description = "Print one JSON object on stdout instead of a table (no progress lines).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print no progress lines on stderr.")
    boolean quiet;

    @Option(names = DEBUG, description = "On an error, print the full stack trace too.")
    boolean debug;

    @Option(names = "--strict", description = "Refuse a model that names an initializer or other object that is "
            + "neither Keras's nor registered (by default it imports with a warning: the file's weights are used).")
    boolean strict;

    @Option(names = "--plugin", paramLabel = "JAR", description = "A jar with Java implementations of the model's "
            + "custom objects (a org.kinspect.custom.KinspectPlugin listed in META-INF/services); may be repeated.")
    List<Path> plugins = new ArrayList<>();

    // The command this is mixed into, so that commands need no CommandSpec of their own.
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** @return the command line of the command this is mixed into: its output, error stream and usage errors */
    CommandLine commandLine() {
        return command.commandLine();
    }

    /**
     * @param err where progress lines go
     * @return progress reporting that is silent under {@code --json} and {@code --quiet}
     */
    Progress progress(PrintWriter err) {
        return new Progress(err, json || quiet);
    }

    /**
     * @return how to import: strictly or not, with the custom objects of the {@code --plugin} jars
     * @throws KinspectException when a plugin jar is missing or unreadable
     */
    ImportOptions importOptions() {
        ImportOptions options = ImportOptions.defaults().withStrict(strict);
        if (plugins.isEmpty()) {
            return options;
        }
        URL[] jars = new URL[plugins.size()];
        for (int i = 0; i < jars.length; i++) {
            Path jar = plugins.get(i);
            if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
                throw KinspectException.input(jar + ": no such plugin jar (--plugin takes a .jar file)");
            }
            try {
                jars[i] = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw KinspectException.input(jar + ": cannot use this path as a plugin jar (" + e.getMessage() + ")");
            }
        }
        // The loader stays open for the life of the command: the plugin's classes are used while it runs.
        ClassLoader loader = new URLClassLoader(jars, CommonOptions.class.getClassLoader());
        return options.withCustomObjects(CustomObjects.fromPlugins(loader));
    }
}
