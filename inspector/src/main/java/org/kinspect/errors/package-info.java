/**
 * The one error kinspect throws: {@link org.kinspect.errors.KinspectException}, a one-line message
 * saying what is wrong and what to do, and its {@link org.kinspect.errors.KinspectException.Problem}
 * (bad model file, bad input, unsupported, resources, internal), which the command line turns
 * into its exit code. Every exception is made through a factory that names its problem.
 *
 * <p>The lowest package of the flow: it depends on no other package of kinspect, and every package
 * may throw it ({@code FlowOrderTest}).
 *
 * <pre>{@code
 * try {
 *     InspectedModel.open(Path.of("model.keras"));
 * } catch (KinspectException e) {
 *     System.err.println("kinspect: " + e.getMessage()); // one line
 *     if (e.problem() == KinspectException.Problem.UNSUPPORTED) { ... }
 * }
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.errors;
