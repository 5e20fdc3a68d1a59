/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): the Keras layers that
 * rescale values by statistics or constants and that DL4J's importer does not know:
 * {@code LayerNormalization}, {@code UnitNormalization}, {@code RMSNormalization},
 * {@code GroupNormalization}, {@code Rescaling} and the preprocessing {@code Normalization}. One
 * mapper, {@link org.kinspect.graph.normalization.NormalizationMapper}, makes one of this package's
 * SameDiff layers once the input type is known; each computes in Keras's layout of its input
 * ({@link org.kinspect.graph.normalization.SameDiffLayerInKerasLayout}, {@link org.kinspect.graph.normalization.KerasAxes}),
 * so Keras's axes mean what they mean in Keras.
 *
 * <p>Must not depend on {@code config}, {@code inspect} or {@code report} (it does not today). It
 * builds on {@code graph.layers} ({@code SameDiffLayerMapper}), which imports it back for the
 * registry (issue 17).
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("LayerNormalization", NormalizationMapper.class);
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.normalization;
