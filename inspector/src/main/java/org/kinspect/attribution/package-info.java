/**
 * Attribution: which input elements (and, for Grad-CAM, which places of a convolution's output)
 * drive a target, from the gradients of {@code org.kinspect.gradients}: saliency ({@code |gradient|}),
 * gradient times input, SmoothGrad (seeded), Integrated Gradients with its completeness check (its
 * path integral by {@code AdaptiveMidpoint}'s rule), and Grad-CAM. Every method takes an {@link org.kinspect.InspectedModel} and returns arrays in Keras's
 * layout, one per model input, keyed by input name.
 *
 * <pre>{@code
 * IntegratedGradients ig = Attributions.integratedGradients(model, inputs, GradientTarget.outputUnit(3),
 *         null, 64);
 * INDArray heat = ig.attributions().get("image");
 * double gap = ig.largestGap(); // |sum(attributions) - (f(x) - f(baseline))| / |f(x) - f(baseline)|
 * }</pre>
 *
 * Builds on {@code gradients}; the report charts of these arrays are in {@code report}.
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.attribution;
