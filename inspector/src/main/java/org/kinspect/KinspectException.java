package org.kinspect;

/**
 * A problem with what the user gave kinspect: a file it cannot read, an input of the wrong shape,
 * a layer it does not know. The message is one line that says what is wrong and what to do, fit to
 * be printed as it is.
 *
 * <pre>{@code
 * throw new KinspectException("model.h5: no layer named 'lstm_9'; layers are: lstm_1, dense_1");
 * }</pre>
 */
public class KinspectException extends RuntimeException {

    /** @param message one line: what is wrong and what to do */
    public KinspectException(String message) {
        super(message);
    }

    /**
     * @param message one line: what is wrong and what to do
     * @param cause the underlying failure, kept for debugging
     */
    public KinspectException(String message, Throwable cause) {
        super(message, cause);
    }
}
