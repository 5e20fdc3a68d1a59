/**
 * Step 1 of the flow (file -> config -> graph -> inspect -> report): Keras model files read with
 * jhdf, before any interpretation. {@link org.kinspect.file.KerasFile} tells the format from the
 * bytes ({@link org.kinspect.file.KerasFormat}: Keras 1, 2, tf.keras and Keras 3 {@code .h5}, Keras
 * 3 {@code .keras} zip, tf.keras SavedModel folder or archive, JSON configuration alone) and returns a
 * {@link org.kinspect.file.ModelArchive}: the configuration JSON as written, the Keras version and
 * backend, and a {@link org.kinspect.file.WeightStore} of every layer's weights by Keras layer name
 * and weight name ({@code kernel}, {@code recurrent_kernel}...). A model converted by kinspect is
 * told apart too ({@code KINSPECT_CONVERTED}) and its entries read by {@link
 * org.kinspect.file.ConvertedZip} with the zip checks of a {@code .keras} zip; {@code convert} reads
 * what they mean. Files are untrusted here: zip
 * entries, dataset sizes and HDF5 lengths are checked before anything is read or allocated.
 *
 * <p>A SavedModel is read without TensorFlow by {@code SavedModelReader}: {@code ProtobufReader}
 * (the wire format), {@code SavedKerasObjects} ({@code keras_metadata.pb}, or {@code saved_model.pb}'s
 * object graph), {@code SavedModelConfig} (the root's configuration in HDF5 form), {@code SortedTable}
 * (the LevelDB index), {@code TensorBundle} and {@code BundleEntry} (the checkpoint and its shards,
 * every checksum and offset checked), {@code CheckpointObjectGraph} and {@code SavedModelWeights}
 * (which layer owns each variable); {@code SavedModelFiles} keeps every read inside the folder and
 * {@code SavedModelArchive} unpacks a {@code .zip} or {@code .tar.gz} of one.
 *
 * <p>Must not depend on any later step ({@code graph}, {@code inspect}, {@code report}). Known debt
 * (issue 17): it depends on {@code config}, the next step. Naming weights needs the layer list, so
 * {@code Keras3WeightGroups}, {@code NestedModelLayers} and {@code StackedCellLayers} parse the
 * configuration themselves (with {@code ConfigNormalizer}, {@code NestedModels},
 * {@code RecurrentCellLayers}) before {@code config} parses it again, and {@code KerasFile} calls
 * {@code config.JsonNesting}.
 *
 * <pre>{@code
 * ModelArchive archive = KerasFile.open(Path.of("model.keras"));
 * INDArray kernel = archive.weights().layer("dense_1").orElseThrow().byName().get("kernel").values();
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call, except {@link org.kinspect.file.KerasFormat},
 * which the exported API hands out ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.file;
