/**
 * A model imported once and saved as one file that reopens without the Keras file and without
 * jhdf ({@code kinspect convert}, {@code InspectedModel.save}). The file is a zip: DL4J's own
 * ModelSerializer entries ({@code configuration.json}, {@code coefficients.bin}; no updater), so
 * DL4J's {@code ModelSerializer.restoreComputationGraph} reads the graph too, and
 * {@code kinspect/converted.json} with what kinspect needs beside the graph: the description of the
 * model as imported ({@code ModelSpec}, each layer's notes beside its configuration; a file of
 * format 1 kept them inside it, under {@code kinspect_*} keys, and is read still), DL4J's output type of every layer, the provenance of every
 * parameter, the import's warnings, the Keras configuration and versions, the catalogue rows of the
 * classes used, and the Keras weights by Keras name ({@code kinspect/weights/*.f32}).
 *
 * <p>{@link org.kinspect.convert.ConvertedModelWriter} writes it, {@link
 * org.kinspect.convert.ConvertedModelReader} reads it back into a {@link
 * org.kinspect.convert.ConvertedModel} ({@code file.ConvertedZip} checks the zip as it checks a
 * {@code .keras} zip; every field is checked for its type; a newer {@link
 * org.kinspect.convert.ConvertedModelFormat#VERSION} is refused in one line). Every kinspect layer
 * and vertex must read back from DL4J's configuration JSON as it was: the round-trip test compares
 * every vertex's configuration, the parameters and every layer's output bit for bit.
 *
 * <p>Depends on {@code file}, {@code config}, {@code catalog} and {@code graph}; never on the root
 * package's {@code InspectedModel}, which calls it.
 *
 * <pre>{@code
 * InspectedModel.open(Path.of("model.h5")).save(Path.of("model.zip"));
 * InspectedModel model = InspectedModel.open(Path.of("model.zip")); // no Keras file, no import
 * }</pre>
 *
 * <p><b>Internal</b>: users save and open converted models through {@code InspectedModel}
 * ({@code save}, {@code open}, {@code conversion()}), not through this package; except
 * {@link org.kinspect.convert.Conversion} and {@link org.kinspect.convert.ConvertedModelFormat},
 * which the exported API hands out ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.convert;
