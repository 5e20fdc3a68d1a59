/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): weightless layers that
 * move, pad, crop or repeat values, where DL4J's own layer works on other axes than Keras's:
 * {@code ZeroPadding1D}, {@code Cropping1D}, {@code UpSampling1D}, bilinear {@code UpSampling2D},
 * {@code ZeroPadding3D}, {@code Cropping3D} and {@code UpSampling3D}, all mapped by
 * {@link org.kinspect.graph.reshaping.ReshapingMapper} to this package's SameDiff layers
 * ({@link org.kinspect.graph.reshaping.SequencePadding}, {@link org.kinspect.graph.reshaping.VolumeBorders},
 * {@link org.kinspect.graph.reshaping.BilinearUpsampling}...).
 *
 * <p>Must not depend on {@code config}, {@code inspect} or {@code report} (it does not today). Known
 * debt (issue 17): {@link org.kinspect.graph.reshaping.WeightlessLayer} here is also the base type of
 * {@code graph.pooling} and {@code graph.preprocessing}, and belongs in a low package of base
 * types; the package imports {@code graph.layers} ({@code ReplacedClassNames.PREFIX}), which
 * imports it back.
 *
 * <pre>{@code
 * new SequencePadding("pad1d", 2, 1); // ZeroPadding1D((2, 1)): 6 steps become 9
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.reshaping;
