/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): Keras's masks, computed
 * as the Keras that wrote the file computes them. {@link org.kinspect.graph.masking.InputMask} finds
 * where the mask a layer reads comes from (an Embedding with {@code mask_zero}, a Masking layer, an
 * input), following the layers that hand a mask on (the catalogue's {@code PASSES_MASK});
 * {@link org.kinspect.graph.masking.KerasMasks} computes it from that origin's input as the model
 * runs; {@link org.kinspect.graph.masking.MaskedSteps} says what a recurrent layer does at a masked
 * step (keep its state, output the previous output or zeros, by Keras version); the rewrites
 * ({@link org.kinspect.graph.masking.MaskedRnnRewrite}, {@link org.kinspect.graph.masking.MaskingRewrite},
 * {@link org.kinspect.graph.masking.MaskedMergeRewrite}) put kinspect's masked layers and vertices in
 * DL4J's configuration, which has no masks of Keras's kind.
 *
 * <p>Imports none of the layer packages' registry ({@code graph.layers}); depends on
 * {@code graph.base}, {@code config} and the catalogue.
 *
 * <pre>{@code
 * String origin = InputMask.of(layer, spec).originOrRefuse(layer, "model.h5"); // null: no mask
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.masking;
