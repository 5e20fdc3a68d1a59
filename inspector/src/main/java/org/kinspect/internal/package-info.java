/**
 * What the library's own packages read of an {@link org.kinspect.InspectedModel} that users are not
 * handed: its description ({@code config.ModelSpec}), what its file held ({@code file.ModelArchive})
 * and the imported DL4J graph with its bookkeeping ({@code graph.ImportedGraph}).
 * {@link org.kinspect.internal.ModelInternals} is the one way to them; {@code InspectedModel}
 * grants it when it is loaded, as the JDK's own {@code SharedSecrets} do, so its accessors stay
 * out of its public API.
 *
 * <p>Below every package that takes an {@code InspectedModel} ({@code gradients}, {@code diff},
 * {@code report}, {@code units}, {@code convert}, {@code serve}...); imports only the root package
 * and the types it hands out.
 *
 * <pre>{@code
 * ModelSpec spec = ModelInternals.spec(model);   // inside the library only
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.internal;
