/**
 * Part of step 3 of the flow (file -> config -> graph -> inspect -> report): the registry of the
 * Keras layer mappers kinspect adds to DL4J's importer, and the layers that have no other home.
 * {@link org.kinspect.graph.layers.KinspectKerasLayers} lists every mapper by Keras class name;
 * {@link org.kinspect.graph.layers.OverriddenMappers} renames the layers whose DL4J mapper is
 * replaced; {@link org.kinspect.graph.layers.RecurrentLayerHints} gives recurrent layers what one layer's
 * configuration does not say (masks, the Keras version); the masks themselves are in
 * {@code graph.masking}. The base types the sibling packages
 * build on are in {@code graph.base}, below all of them.
 *
 * <p>Must not depend on {@code inspect}, {@code report} or the root package's facade. Known debt
 * (issue 17): it is also where TimeDistributed folding and a few single mappers
 * (EinsumDense, Minimum, pass-through layers, Dense on sequences) landed.
 *
 * <pre>{@code
 * KinspectKerasLayers.byClassName().forEach(KerasLayer::registerCustomLayer);
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph.layers;
