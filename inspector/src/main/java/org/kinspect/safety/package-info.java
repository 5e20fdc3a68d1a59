/**
 * The guards on work over untrusted input, used by every step of the flow: a model file or an
 * input may be damaged or hostile, so each step runs under a {@link org.kinspect.safety.TimeLimit}
 * (a loop in a damaged file ends with a one-line error, not a hang; the steps run on daemon threads
 * kept from one step to the next, {@code StepThreads}), checks with
 * {@link org.kinspect.safety.Memory} that what a file declares fits this machine before allocating
 * it, and runs its parsing inside {@link org.kinspect.safety.Untrusted}, which turns any unexpected
 * failure (an index out of range in a truncated structure) into one line naming the file. JSON
 * from a file is parsed by {@link org.kinspect.safety.UntrustedJson} after
 * {@link org.kinspect.safety.JsonNesting} refuses nesting no Keras file has.
 * {@link org.kinspect.safety.NativeLoading} keeps two kinds of native work apart that hang a
 * process when they meet on two threads (a first drawing loading Java2D's libraries, ND4J's first
 * BLAS set-up).
 *
 * <p>Depends on nothing of kinspect's but {@code KinspectException}.
 *
 * <pre>{@code
 * StoredModel stored = Untrusted.reading(path, () -> readArchive(path));
 * InspectedModel model = TimeLimit.run("importing model.h5", () -> importModel(archive));
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.safety;
