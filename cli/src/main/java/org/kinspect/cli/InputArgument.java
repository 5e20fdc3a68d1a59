package org.kinspect.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --input} argument: {@code FILE.npy} alone (for a single-input model) or
 * {@code NAME=FILE.npy} (the model input it is for).
 *
 * <pre>{@code
 * InputArgument.parse("signal=x.npy");   // name "signal", file x.npy
 * InputArgument.parse("x.npy");          // no name: the model's only input
 * }</pre>
 *
 * @param name the model input's name, or null when the argument is a bare file
 * @param file the {@code .npy} file
 */
record InputArgument(String name, Path file) {

    /**
     * A path that itself contains {@code =} and exists is taken as a bare file, so that
     * {@code --input run=3.npy} still works when that is the file's name.
     *
     * @param argument what the user typed after {@code --input}
     * @return the parsed argument
     * @throws TypeConversionException when the argument is neither form
     */
    static InputArgument parse(String argument) {
        int equals = argument.indexOf('=');
        if (equals < 0 || isExistingPath(argument)) {
            return new InputArgument(null, toPath(argument, argument));
        }
        String name = argument.substring(0, equals);
        String file = argument.substring(equals + 1);
        if (name.isEmpty() || file.isEmpty()) {
            throw new TypeConversionException("'" + argument + "' is not FILE or NAME=FILE");
        }
        return new InputArgument(name, toPath(file, argument));
    }

    private static boolean isExistingPath(String text) {
        try {
            return Files.exists(Path.of(text));
        } catch (InvalidPathException e) {
            return false; // e.g. "signal=C:\\x.npy" on Windows: a name and a path, not one path
        }
    }

    private static Path toPath(String file, String argument) {
        if (file.isEmpty()) {
            throw new TypeConversionException("'" + argument + "' is not FILE or NAME=FILE");
        }
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + argument + "' is not a valid path (" + e.getReason() + ")");
        }
    }

    /** Lets picocli turn {@code --input} values into {@link InputArgument}s. */
    static final class Converter implements ITypeConverter<InputArgument> {
        @Override
        public InputArgument convert(String argument) {
            return parse(argument);
        }
    }

    /** @return the argument as the user wrote it, for messages */
    @Override
    public String toString() {
        return name == null ? file.toString() : name + "=" + file;
    }
}
