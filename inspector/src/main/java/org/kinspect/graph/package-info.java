/**
 * Step 3 of the flow (file -> config -> graph -> inspect -> report): the DL4J graph.
 * {@link org.kinspect.graph.GraphImporter} turns a {@link org.kinspect.config.ModelSpec} and a
 * {@link org.kinspect.file.WeightStore} into an {@link org.kinspect.graph.ImportedGraph}: it
 * rewrites the description for DL4J's Keras importer, lets DL4J's layer mappers (and kinspect's,
 * registered from {@code graph.layers}) build the graph configuration, corrects that configuration
 * where DL4J is wrong, checks its size ({@code GraphLimits}), initialises it from a zero parameter
 * vector and copies the Keras weights in ({@code WeightFit} checks they fit). It does so in two
 * halves: {@code GraphImporter.configure} maps and checks every layer into a
 * {@link org.kinspect.graph.ConfiguredGraph} (no parameters allocated), whose {@code build()} makes
 * the graph when first needed; describing a model (its summary) needs only the first. The classes
 * beside it are those passes; the sub-packages hold kinspect's own layers, vertices and mappers by concept.
 *
 * <p>Must not depend on {@code inspect}, {@code report} or the CLI. Known debts (issue 17): the
 * passes before and after DL4J are ordered only by calls and "First:"/"After:" comments in
 * {@code GraphImporter} and {@code Dl4jExtensions}, communicate through marker keys and renamed
 * class names, and work on a JSON deep copy of the description; and the package imports
 * {@code CustomObjects} from the root package, which imports it back.
 *
 * <pre>{@code
 * ImportedGraph imported = GraphImporter.importGraph(spec, archive.weights(), "model.keras");
 * ComputationGraph graph = imported.graph(); // vertices named after the Keras layers
 * }</pre>
 */
package org.kinspect.graph;
