/**
 * Step 4 of the flow (file -> config -> graph -> inspect -> report): activations.
 * {@link org.kinspect.inspect.ActivationProbe} runs inputs through an
 * {@link org.kinspect.graph.ImportedGraph} vertex by vertex and returns every layer's output in
 * Keras's layout, keyed by Keras layer name, extra outputs as {@code LAYER__1}...; it moves arrays
 * between DL4J's layouts and Keras's ({@code KerasLayout}, reading each layer's data format from
 * {@code config.DataFormats}).
 * What is said about a model and its outputs is here too:
 * {@link org.kinspect.inspect.ModelSummary} (Keras's {@code model.summary()}),
 * {@link org.kinspect.inspect.ActivationStatistics}, the model's warnings ({@code weights.ModelWarnings}),
 * and the comparison with Keras's own numbers ({@link org.kinspect.inspect.KerasReference},
 * {@link org.kinspect.inspect.LayerComparison}: the rule of {@code verify}).
 *
 * <p>Must not depend on {@code report}, {@code batch}, {@code eval}, {@code units} or the CLI (it
 * does not today). Known debt, beyond issue 17's list: {@code FoldedTime} and {@code ModelSummary}
 * test graph vertices for {@code graph.operations.OperationVertex}, so this package depends on
 * one of the graph's concept packages, not only on {@code ImportedGraph}.
 *
 * <pre>{@code
 * Map<String, INDArray> outputs = model.activations(Map.of("signal", x)); // an ActivationProbe's run
 * ActivationStatistics stats = ActivationStatistics.of(outputs.get("lstm_1")); // range, mean, zeros, NaN
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}), except the
 * classes {@code InspectedModel} and the library work with, which take its internals and are kept
 * to the library ({@link org.kinspect.PublicApi#LIBRARY_ONLY}): {@code ActivationProbe},
 * {@code ModelSummarizer} and {@code RunPreconditions}. Users call
 * {@code InspectedModel.activations} and {@code summary} instead.
 */
package org.kinspect.inspect;
