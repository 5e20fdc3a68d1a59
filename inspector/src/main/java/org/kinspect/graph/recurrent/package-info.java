/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): layers with more than
 * one input or output, which a DL4J graph vertex cannot express as a layer: a recurrent layer that
 * starts from given initial states or returns its final states, and an attention layer that
 * returns its scores. {@link org.kinspect.graph.recurrent.RecurrentStateRewrite} rewrites each such
 * layer before DL4J reads the description into a
 * {@link org.kinspect.graph.recurrent.RecurrentWithStatesVertex} (sequence and states in, everything
 * packed out) and one {@link org.kinspect.graph.recurrent.RecurrentOutputVertex} per output
 * ({@code LAYER}, {@code LAYER__1}, {@code LAYER__2}...).
 *
 * <p>Must not depend on {@code inspect} or {@code report}. Known debt (issue 17): the recurrent
 * layers themselves are elsewhere (kinspect's GRU and the RNN masking in {@code graph.layers},
 * ConvLSTM2D in {@code graph.convolution}); this package imports {@code graph.layers} for them and
 * for its base types, and {@code graph.layers} imports it back.
 *
 * <pre>{@code
 * RecurrentStateRewrite.rewrite(spec, functionalConfig); // before DL4J's importer reads the layers
 * }</pre>
 */
package org.kinspect.graph.recurrent;
