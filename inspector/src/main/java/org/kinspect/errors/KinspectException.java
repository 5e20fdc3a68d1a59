package org.kinspect.errors;

/**
 * A problem with what the user gave kinspect: a file it cannot read, an input of the wrong shape,
 * a layer it does not know. The message is one line that says what is wrong and what to do, fit to
 * be printed as it is; its {@link Problem} says what kind of problem it is (the command line turns
 * that into its exit code).
 *
 * <pre>{@code
 * throw KinspectException.input("no layer named 'lstm_9'; nearest: lstm_1, dense_1");
 * throw KinspectException.modelFile("model.h5: the HDF5 file is damaged or truncated");
 * }</pre>
 *
 * <p>Every exception is made by the factory named after its problem ({@link #modelFile},
 * {@link #input}, {@link #unsupported}, {@link #resources}, {@link #internal}), so a reader of
 * the code that throws it sees which exit code the user gets.
 */
public class KinspectException extends RuntimeException {

    /** What kind of problem an exception reports; scripts tell them apart by the CLI's exit code. */
    public enum Problem {
        /** The model file (or its configuration or weights) is damaged, not a Keras model, or inconsistent. */
        MODEL_FILE,
        /**
         * Something else the user gave: input or label {@code .npy} files, a reference file, a layer or
         * input name, an option's value, a plugin jar, the output folder.
         */
        INPUT,
        /** A valid Keras model using something kinspect cannot import or run yet. */
        UNSUPPORTED,
        /** The model or the run needs more memory or time than this process has. */
        RESOURCES,
        /**
         * A bug in kinspect that it caught itself: an invariant broken (a layer's output not of the
         * shape Keras gives it). Nothing the user gave is wrong; the message asks for a report.
         */
        INTERNAL
    }

    private final Problem problem;

    /**
     * @param problem what kind of problem it is
     * @param message one line: what is wrong and what to do
     */
    protected KinspectException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    /**
     * @param problem what kind of problem it is
     * @param message one line: what is wrong and what to do
     * @param cause the underlying failure, kept for debugging
     */
    protected KinspectException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** @return a {@link Problem#MODEL_FILE} problem: the model file is damaged, not a Keras model, or inconsistent */
    public static KinspectException modelFile(String message) {
        return new KinspectException(Problem.MODEL_FILE, message);
    }

    /** @return a {@link Problem#MODEL_FILE} problem */
    public static KinspectException modelFile(String message, Throwable cause) {
        return new KinspectException(Problem.MODEL_FILE, message, cause);
    }

    /** @return a {@link Problem#INPUT} problem */
    public static KinspectException input(String message) {
        return new KinspectException(Problem.INPUT, message);
    }

    /** @return a {@link Problem#INPUT} problem */
    public static KinspectException input(String message, Throwable cause) {
        return new KinspectException(Problem.INPUT, message, cause);
    }

    /** @return an {@link Problem#UNSUPPORTED} problem */
    public static KinspectException unsupported(String message) {
        return new KinspectException(Problem.UNSUPPORTED, message);
    }

    /** @return an {@link Problem#UNSUPPORTED} problem */
    public static KinspectException unsupported(String message, Throwable cause) {
        return new KinspectException(Problem.UNSUPPORTED, message, cause);
    }

    /** @return a {@link Problem#RESOURCES} problem */
    public static KinspectException resources(String message) {
        return new KinspectException(Problem.RESOURCES, message);
    }

    /** @return a {@link Problem#RESOURCES} problem */
    public static KinspectException resources(String message, Throwable cause) {
        return new KinspectException(Problem.RESOURCES, message, cause);
    }

    /**
     * An {@link Problem#INTERNAL} problem: kinspect broke one of its own invariants.
     *
     * <pre>{@code
     * throw KinspectException.internal("layer 'dense' (Dense) computed (2, 1, 4) where Keras gives (2, 4)");
     * }</pre>
     *
     * @param message one line: what broke, naming the layer
     * @return the exception
     */
    public static KinspectException internal(String message) {
        return new KinspectException(Problem.INTERNAL, message);
    }

    /**
     * A problem of a kind found elsewhere and carried here: a Spark task's outcome, or the same
     * problem told again with where it happened. Code that knows the kind uses its own factory.
     *
     * <pre>{@code
     * throw KinspectException.of(e.problem(), "shard part-001.npy rows 0 to 9: " + e.getMessage(), e);
     * }</pre>
     *
     * @param problem the kind the original failure had
     * @param message one line: what is wrong and what to do
     * @param cause the original failure, or null
     * @return the exception
     */
    public static KinspectException of(Problem problem, String message, Throwable cause) {
        return new KinspectException(problem, message, cause);
    }

    /** @return what kind of problem this is */
    public Problem problem() {
        return problem;
    }
}
