/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): layers with more than
 * one input or output, which a DL4J graph vertex cannot express as a layer: a recurrent layer that
 * starts from given initial states or returns its final states, and an attention layer that
 * returns its scores. {@link org.kinspect.graph.recurrent.RecurrentStateRewrite} rewrites each such
 * layer before DL4J reads the description into a
 * {@link org.kinspect.graph.recurrent.RecurrentWithStatesVertex} (sequence and states in, everything
 * packed out) and one {@link org.kinspect.graph.recurrent.RecurrentOutputVertex} per output
 * ({@code LAYER}, {@code LAYER__1}, {@code LAYER__2}...); for the gradients, their LSTM and GRU
 * directions are differentiated back through time from the initial states
 * ({@link org.kinspect.graph.recurrent.DirectionThroughTime}). It also holds the recurrent layers DL4J
 * lacks or gets wrong: kinspect's GRU ({@link org.kinspect.graph.recurrent.GruLayer} running
 * {@link org.kinspect.graph.recurrent.GruCell}, mapped by {@link org.kinspect.graph.recurrent.GruMapper}),
 * CuDNNGRU and CuDNNLSTM with their weight layouts, and the recurrent activations
 * ({@link org.kinspect.graph.recurrent.RnnActivations}).
 *
 * <p>Must not depend on {@code inspect} or {@code report}. Known debt (issue 17): the RNN masking
 * is in {@code graph.layers} and ConvLSTM2D in {@code graph.convolution}; this package imports
 * {@code graph.layers} for its base types, and {@code graph.layers} imports it back (the registry).
 *
 * <pre>{@code
 * RecurrentStateRewrite.rewrite(spec, functionalConfig); // before DL4J's importer reads the layers
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.recurrent;
