/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): Keras's attention
 * layers, which DL4J's importer does not know. The mappers
 * {@link org.kinspect.graph.attention.AttentionMapper} ({@code Attention}, {@code AdditiveAttention}),
 * {@link org.kinspect.graph.attention.MultiHeadAttentionMapper} and
 * {@link org.kinspect.graph.attention.GroupQueryAttentionMapper} make vertices (differentiable, for the
 * gradients, when no input carries a Keras mask)
 * ({@link org.kinspect.graph.attention.ScoredAttentionVertex},
 * {@link org.kinspect.graph.attention.MultiHeadAttentionVertex}) that read the layer's
 * {@link org.kinspect.config.AttentionCall} (which input is query, value, key, mask) and take the
 * Keras weights by name. {@link org.kinspect.graph.attention.AttentionMaskHints} tells them which
 * inputs carry a Keras mask.
 *
 * <p>Must not depend on {@code inspect} or {@code report}. It builds on {@code graph.layers}
 * ({@code InferenceVertex}, {@code InputMask}), which imports it back for the registry (issue 17).
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("MultiHeadAttention", MultiHeadAttentionMapper.class);
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.attention;
