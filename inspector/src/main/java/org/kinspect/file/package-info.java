/**
 * Step 1 of the flow (file -> config -> weights -> graph -> inspect -> report): Keras model files
 * read with jhdf, before any interpretation. {@link org.kinspect.file.KerasFile} tells the format
 * from the bytes ({@link org.kinspect.file.KerasFormat}: Keras 1, 2, tf.keras and Keras 3
 * {@code .h5}, Keras 3 {@code .keras} zip, tf.keras SavedModel folder or archive, JSON configuration
 * alone) and returns a {@link org.kinspect.file.StoredModel}: the configuration JSON as written,
 * the Keras version and backend, and the weights as the file stores them
 * ({@link org.kinspect.file.StoredWeights}: an HDF5 file's layer groups with their
 * {@code weight_names}, a {@code .keras} zip's {@code layers/dense/vars/0} tree, a SavedModel's
 * checkpoint variables by checkpoint key with its object graph). The configuration
 * is not read here: {@code config} reads it, and {@code weights.WeightNaming} names the weights from
 * it, making the {@link org.kinspect.file.ModelArchive} and its
 * {@link org.kinspect.file.WeightStore} (weights by Keras layer and weight name), which stay here
 * as the types every later step shares. A model converted by kinspect is
 * told apart too ({@code KINSPECT_CONVERTED}) and its entries read by {@link
 * org.kinspect.file.ConvertedZip} with the zip checks of a {@code .keras} zip; {@code convert} reads
 * what they mean. Files are untrusted here: zip
 * entries, dataset sizes and HDF5 lengths are checked before anything is read or allocated.
 *
 * <p>A weight's shape comes from the file's metadata; its numbers ({@link org.kinspect.file.WeightValues})
 * are read when the file is opened only when small, compressed or not float32: a large float32
 * dataset stored contiguously (what Keras writes) is read when needed, and the import copies it
 * once, straight from the file into its place in the graph's parameter vector. The others are
 * kept as Java floats until something asks for them as an ND4J array, so that describing a model
 * (a summary) needs no ND4J. A {@code .keras} zip's {@code model.weights.h5}, stored uncompressed
 * as Keras writes it, is read in place ({@code StoredZipEntry} finds it, {@code FileRegionChannel}
 * gives jhdf that region of the zip); a compressed one is copied to a temporary file first.
 *
 * <p>A SavedModel is read without TensorFlow by {@code SavedModelReader}: {@code ProtobufReader}
 * (the wire format), {@code SavedKerasObjects} ({@code keras_metadata.pb}, or {@code saved_model.pb}'s
 * object graph), {@code SavedModelConfig} (the root's configuration in HDF5 form), {@code SortedTable}
 * (the LevelDB index), {@code TensorBundle} and {@code BundleEntry} (the checkpoint and its shards,
 * every checksum and offset checked) and {@code CheckpointObjectGraph} (the checkpoint's objects and
 * their children); {@code SavedModelFiles} keeps every read inside the folder and
 * {@code SavedModelArchive} unpacks a {@code .zip} or {@code .tar.gz} of one. The model's variables
 * are read here, by checkpoint key (an archive's folder is gone once it is read), and handed on
 * with the object graph and the Keras objects' metadata ({@code StoredWeights.Checkpoint}), through
 * which {@code weights.CheckpointNaming} finds which layer each is of and names it.
 * {@code WeightNames} (a stored path to a Keras weight name) serves the naming in {@code weights}.
 *
 * <p>Depends on {@code safety}, {@code array} and the root {@code KinspectException} only, never on
 * a later step ({@code FlowOrderTest} checks it).
 *
 * <pre>{@code
 * StoredModel stored = KerasFile.open(Path.of("model.keras"));
 * stored.modelConfigJson();                    // config.json, as Keras wrote it
 * ModelArchive archive = WeightNaming.name(stored); // org.kinspect.weights, after config
 * INDArray kernel = archive.weights().layer("dense_1").orElseThrow().byName().get("kernel").values();
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call, except {@link org.kinspect.file.KerasFormat},
 * which the exported API hands out ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.file;
