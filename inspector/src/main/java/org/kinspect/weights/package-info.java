/**
 * The step between the configuration and the graph (file -> config -> weights -> graph): a model
 * file's weights, as {@code file} stored them, named by Keras layer and weight name from the
 * model's configuration. {@link org.kinspect.weights.WeightNaming} takes a
 * {@link org.kinspect.file.StoredModel} and gives the {@link org.kinspect.file.ModelArchive} whose
 * {@link org.kinspect.file.WeightStore} the graph importer reads. What is odd about the named
 * weights (NaN or infinite values, weights no layer reads) is
 * {@link org.kinspect.weights.ModelWarnings}, which {@code InspectedModel.warnings()} hands out.
 *
 * <p>Naming weights needs the model's layers, so it happens here, not in {@code file}: an HDF5
 * file's groups are named by layer, but a nested model's group holds all its layers' weights
 * ({@code NestedModelLayers}) and a stacked RNN's all its cells' ({@code StackedCellLayers});
 * a {@code .keras} zip names its groups by class and counter, matched to layers by walking the
 * configuration in Keras's order as {@code saving_lib} does ({@code Keras3WeightGroups}), each
 * layer's variables named in Keras 3's saved order from the catalogue ({@code Keras3VariableOrder},
 * {@code catalog.KerasClasses}). A SavedModel's checkpoint, read by {@code file} as its variables by
 * checkpoint key, says through its own object graph and each object's Keras metadata which layer
 * each variable is of: {@code CheckpointNaming} walks that graph from the model ({@code layer-N}
 * children in order, a layer's variables through its attributes, a nested model's layers as
 * {@code MODEL/LAYER}) as HDF5 files name them.
 *
 * <p>The walk reads the configuration as written ({@code config.ConfigNormalizer.parse}), not the
 * normalised {@code ModelSpec}: Keras saved the weights in the order of the model it built from that
 * configuration (its Keras 3 classes, nested models not inlined, stacks of cells not split), which
 * the normalised description no longer shows. Depends on {@code file}, {@code config} (parsing and
 * its class rules: {@code NestedModels}, {@code RecurrentCellLayers}, {@code Keras3Operations}),
 * {@code catalog} and {@code safety}; on nothing after it.
 *
 * <pre>{@code
 * ModelArchive archive = WeightNaming.name(KerasFile.open(Path.of("model.keras")));
 * INDArray kernel = archive.weights().layer("dense_1").orElseThrow().byName().get("kernel").values();
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.weights;
