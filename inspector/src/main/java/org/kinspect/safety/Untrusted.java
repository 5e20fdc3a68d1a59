package org.kinspect.safety;

import java.util.function.Supplier;
import org.kinspect.errors.KinspectException;

/**
 * Runs a step over a file from a stranger and turns whatever a damaged or hostile file makes a
 * library throw (jhdf's buffer underflows, a ClassCastException in a mapper fed a number where it
 * wants a list, a stack overflow, an allocation far larger than the file) into one
 * {@link KinspectException} line that names the file. A {@link KinspectException} passes as it is:
 * it already says what is wrong.
 *
 * <p>The message keeps the original exception's type and first line, and does not pretend to know
 * more than it does: the file is damaged, or it is a case kinspect mishandles.
 *
 * <pre>{@code
 * StoredModel stored = Untrusted.reading(path, () -> HdfModelReader.readModel(path));
 * }</pre>
 */
public final class Untrusted {

    private Untrusted() {}

    /**
     * @param file the file being read, named first in the message
     * @param step the reading
     * @return what the step returned
     * @throws KinspectException for any failure of the step
     */
    public static <T> T reading(Object file, Supplier<T> step) {
        return guarded(file + ": cannot read the file: it is damaged or not a Keras model", file, step);
    }

    /**
     * @param source the model file, named first in the message
     * @param step importing its configuration and weights
     * @return what the step returned
     * @throws KinspectException for any failure of the step
     */
    public static <T> T importing(Object source, Supplier<T> step) {
        return guarded(source + ": cannot import the model: its configuration or weights are damaged or of a form "
                + "kinspect does not handle (if Keras loads it, please report this)", source, step);
    }

    private static <T> T guarded(String failure, Object file, Supplier<T> step) {
        try {
            return step.get();
        } catch (KinspectException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw KinspectException.modelFile(file + ": the file's structure is nested too deeply to be a Keras model "
                    + "(the file is damaged or hostile)", e);
        } catch (OutOfMemoryError e) {
            throw KinspectException.resources(file + ": reading it needs more memory than Java has ("
                    + Memory.gigabytes(Runtime.getRuntime().maxMemory()) + " heap): the file is damaged, or the model "
                    + "is larger than this machine allows (give Java more with -Xmx)", e);
        } catch (RuntimeException e) {
            throw KinspectException.modelFile(failure + " (" + e.getClass().getSimpleName() + ": " + firstLine(e) + ")", e);
        }
    }

    /** @return the first non-blank line of the exception's message, or its type when it has none */
    public static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        return message.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst()
                .orElse(e.getClass().getSimpleName());
    }
}
