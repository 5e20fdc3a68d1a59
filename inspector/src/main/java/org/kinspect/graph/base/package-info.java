/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): the base types every
 * package of kinspect's own layers builds on, below all of them and importing none of them: a
 * running vertex for inference ({@link org.kinspect.graph.base.InferenceVertex}), a mapper for
 * SameDiff layers ({@link org.kinspect.graph.base.SameDiffLayerMapper}), a vertex's Keras weights
 * ({@link org.kinspect.graph.base.VertexWeights}, {@link org.kinspect.graph.base.ExtraStoredWeights}),
 * DL4J's layer wiring ({@link org.kinspect.graph.base.LayerInstantiation}), a layer run on every
 * step of a sequence or volume ({@link org.kinspect.graph.base.TimeFoldingLayer}), the table of
 * hints the import's steps give kinspect's mappers ({@link org.kinspect.graph.base.ImportHints},
 * {@link org.kinspect.graph.base.LayerHints}), the class names of
 * replaced mappers ({@link org.kinspect.graph.base.ReplacedClassNames}) and the two ways a mapper
 * says no ({@link org.kinspect.graph.base.InvalidLayerConfiguration},
 * {@link org.kinspect.graph.base.UnsupportedLayerOption}).
 *
 * <p>Depends on DL4J and ND4J, and on {@code config.LayerNotes} (what normalisation noted of a
 * layer, which the hints carry to its mapper).
 *
 * <pre>{@code
 * final class MyVertexImpl extends InferenceVertex { ... } // a layer DL4J lacks, for inference
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.base;
