/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): Keras activation
 * functions DL4J lacks or computes otherwise, in Keras's definition
 * ({@link org.kinspect.graph.activations.ExactGelu}, {@link org.kinspect.graph.activations.HardSilu},
 * {@link org.kinspect.graph.activations.AxisSoftmax}...), found by name through
 * {@link org.kinspect.graph.activations.KerasActivations} and given to layers by
 * {@link org.kinspect.graph.activations.ActivationRewrite} around DL4J's mapping; and the mappers of
 * the {@code Softmax} and {@code PReLU} layers, whose axis and weights DL4J's mappers ignore.
 *
 * <p>Must not depend on {@code inspect} or {@code report}. It uses {@code graph.recurrent}'s
 * {@code Keras3HardSigmoid} (for {@code HardSilu}) and {@code graph.base}; {@code graph.layers}
 * imports its mappers for the registry.
 *
 * <pre>{@code
 * KerasActivations.replacement("gelu"); // Optional[ExactGelu]: Keras's erf form, not DL4J's approximation
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.activations;
