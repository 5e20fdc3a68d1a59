/**
 * Keras's output shapes worked out from the normalised model description alone, before any DL4J
 * graph exists: {@link org.kinspect.shape.ShapeModel} applies each Keras class's rule
 * ({@link org.kinspect.shape.ShapeRules}) in Keras's order, {@code None} where the model leaves a
 * size open. The one source of the shapes kinspect shows and checks: the summary, the memory plan,
 * the layout of every activation. {@link org.kinspect.shape.KerasShape} is a shape as Keras writes
 * it, batch first.
 *
 * <p>Reads {@code config} and {@code catalog}; read by {@code inspect}, {@code graph} and the root.
 *
 * <pre>{@code
 * ShapeModel shapes = ShapeModel.of(spec, Map.of("image", KerasShape.of(null, 224, 224, 3)));
 * shapes.shape("conv");   // Optional[(None, 222, 222, 8)]
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call, except {@link org.kinspect.shape.KerasShape}, which the exported API
 * hands out ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.shape;
