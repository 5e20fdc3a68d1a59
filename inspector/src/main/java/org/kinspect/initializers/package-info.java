/**
 * Keras's weight initializers in Java, beside step 2 of the flow (file -> config -> graph ->
 * inspect -> report): they read a layer's description and produce weights in Keras's shapes, which
 * then take the same way into the graph as a file's weights. Two uses:
 * {@link org.kinspect.initializers.InitialWeights} draws a whole model's weights afresh, as Keras
 * would for an untrained model ({@code InspectedModel.reinitialized}); and {@code graph}'s
 * {@code Dl4jSafeInitializers} reads initializers through
 * {@link org.kinspect.initializers.BuiltInInitializers} to give DL4J's mappers a form they accept.
 * Every built-in is here by each name Keras 1, 2 and 3 save it under; custom ones are a user's
 * {@link org.kinspect.custom.KerasInitializer} made by an
 * {@link org.kinspect.custom.InitializerFactory}, found by
 * {@link org.kinspect.initializers.InitializerResolver}.
 *
 * <p>Must not depend on {@code graph}, {@code inspect} or {@code report} (it does not today). Known
 * debt (issue 17): it imports the root package's {@code CustomObjects}, which imports it back
 * ({@code InitializerFactory}, {@code InitializerSpec}).
 *
 * <pre>{@code
 * InitialWeights initial = InitialWeights.draw(spec, archive.weights(), CustomObjects.none(), 42);
 * WeightStore fresh = initial.weights(); // shaped like the file's, drawn by each layer's initializers
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call, except what a custom initializer
 * implements and reads ({@link org.kinspect.custom.InitializerFactory},
 * {@link org.kinspect.custom.KerasInitializer}, {@link org.kinspect.custom.KerasConfigValues}),
 * which the exported API takes ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.initializers;
