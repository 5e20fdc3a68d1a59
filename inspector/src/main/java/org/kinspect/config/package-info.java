/**
 * Step 2 of the flow (file -> config -> weights -> graph -> inspect -> report): the model description.
 * {@link org.kinspect.config.ConfigNormalizer} reads a configuration as Keras 1, 2 or 3 wrote it,
 * Sequential or functional, and describes it in one form: a {@link org.kinspect.config.ModelSpec}
 * of {@link org.kinspect.config.LayerSpec}s in Keras 2 functional form. On the way Keras 3 objects
 * become Keras 2 ones, a SavedModel's count of nested model calls becomes an HDF5 file's
 * ({@code NestedModelCalls}), shared layers get one layer per call, nested models are inlined, and
 * {@code keras.ops} and tf.keras op layers become operation layers
 * ({@link org.kinspect.config.OperationLayers}). Models derived from a description live here too:
 * {@link org.kinspect.config.ReturnedStates}, {@link org.kinspect.config.StatefulLayers},
 * {@link org.kinspect.config.EncoderDecoderSplit}. So do the lookups every later package makes on a
 * description: a layer by name, the nearest names when there is none
 * ({@link org.kinspect.config.LayerNames}), whether each layer keeps its output channels first
 * ({@link org.kinspect.config.DataFormats}), where each recurrent layer's initial states come from
 * ({@link org.kinspect.config.InitialStateSources}).
 *
 * <p>The description's maps are unmodifiable all the way down ({@link org.kinspect.config.ConfigValues});
 * who rewrites a description takes a mutable copy of it. A layer's configuration holds what Keras
 * wrote, in Keras 2 form, and nothing of kinspect's: what the passes found out about a layer (a
 * later call of a shared layer, the nested model an identity layer stands for, an operation layer's
 * operation, an attention layer's call, an intermediate cell of a stack) is in its
 * {@link org.kinspect.config.LayerNotes}, beside the configuration. While the passes run, they note
 * a layer under {@code kinspect_*} keys of its working configuration, so a note follows the layer
 * through copies and renames; {@code ConfigNormalizer.describe} takes them out into the notes.
 *
 * <p>Depends on {@code catalog}, {@code safety} and, for the format a configuration was read from,
 * {@code file.KerasFormat}; never on a later step ({@code FlowOrderTest}). The step after it,
 * {@code weights}, uses its parser ({@code ConfigNormalizer.parse}) and class rules
 * ({@code NestedModels}, {@code RecurrentCellLayers}, {@code Keras3Operations}) to name the
 * weights. Known debts (issue 17): {@code ModelSpec} is a record over maps rather than typed
 * records (an operation's description in {@code LayerNotes} is a map too); the passes note layers
 * for each other in their working maps before {@code describe} lifts the notes out; and their
 * order is written only in {@code ConfigNormalizer.normalize} and its comments.
 *
 * <pre>{@code
 * ModelSpec spec = ConfigNormalizer.normalize(stored.modelConfigJson(), stored.kerasVersion(),
 *         stored.backend(), stored.format(), "model.h5");
 * spec.layerNames();                                                  // [lstm_1_input, lstm_1, dense_1]
 * ModelSpec withStates = ReturnedStates.of(spec, List.of("lstm_1")); // + lstm_1__1 (h), lstm_1__2 (c)
 * }</pre>
 *
 * <p><b>Internal</b>: not part of the API users call, except
 * {@link org.kinspect.config.InitialStateSource}, {@link org.kinspect.config.CarriedState} and
 * {@link org.kinspect.config.TensorRef}, which the exported API hands out
 * ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.config;
