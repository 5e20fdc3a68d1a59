/**
 * Step 3 of the flow (file -> config -> graph -> inspect -> report): the DL4J graph.
 * {@link org.kinspect.graph.GraphImporter} turns a {@link org.kinspect.config.ModelSpec} and a
 * {@link org.kinspect.file.WeightStore} into an {@link org.kinspect.graph.ImportedGraph} by running
 * {@code ImportPipeline}, one list of named steps in order: those that rewrite the description for
 * DL4J's Keras importer, DL4J's mapping with its layer mappers (and kinspect's, registered from
 * {@code graph.layers}), those that correct that configuration where DL4J is wrong and check its
 * size ({@code GraphLimits}), then the graph, initialised from a given parameter vector, with the
 * Keras weights copied in ({@code WeightFit} checks they fit). The classes beside it are those
 * steps; the sub-packages hold kinspect's own layers, vertices and mappers by concept.
 * It runs in two parts: {@code GraphImporter.configure} takes the steps up to the graph into a
 * {@link org.kinspect.graph.ConfiguredGraph} (every layer mapped and checked, no parameters
 * allocated), whose {@code build()} runs the graph's steps when the graph is first needed;
 * describing a model (its summary) needs only the first part.
 *
 * <p>What the steps tell kinspect's mappers, which DL4J makes from a layer's configuration alone,
 * is a typed table by layer name ({@code graph.base.ImportHints}), set for the thread of DL4J's
 * mapping only.
 *
 * <p>Must not depend on {@code inspect}, {@code report} or the CLI.
 *
 * <pre>{@code
 * ImportedGraph imported = GraphImporter.importGraph(spec, archive.weights(), "model.keras");
 * ComputationGraph graph = imported.graph(); // vertices named after the Keras layers
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.graph;
