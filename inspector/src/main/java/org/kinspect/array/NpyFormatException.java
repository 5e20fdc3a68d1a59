package org.kinspect.array;

import org.kinspect.errors.KinspectException;

/**
 * A {@code .npy} file kinspect cannot read: missing, damaged, or holding something that is not a
 * numeric array. The message is one line that names the file, says what is wrong and what to do.
 *
 * <pre>{@code
 * try {
 *     INDArray input = NpyFile.read(Path.of("input.npy"));
 * } catch (NpyFormatException e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class NpyFormatException extends KinspectException {

    /** @param message one line: the file, what is wrong and what to do */
    public NpyFormatException(String message) {
        super(Problem.INPUT, message);
    }

    /**
     * @param message one line: the file, what is wrong and what to do
     * @param cause the underlying failure, kept for debugging
     */
    public NpyFormatException(String message, Throwable cause) {
        super(Problem.INPUT, message, cause);
    }
}
