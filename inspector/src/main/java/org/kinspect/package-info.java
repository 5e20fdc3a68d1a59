/**
 * The front door of the library, and the top of its flow: file ({@code file}) -> model description
 * ({@code config}) -> DL4J graph ({@code graph}) -> activations in Keras's layout ({@code inspect}).
 * {@link org.kinspect.InspectedModel} opens one model file and hands out what users ask for: every
 * layer's output, weights by Keras name, the summary, the memory plan. Its import is one method of
 * {@code ModelImport} (not exported), which calls the stages once each in flow order (file, config,
 * initializers, weights, graph, inspect) and makes the {@code InspectedModel} from the results;
 * the CLI's {@code FlowTraceTest} checks it on a traced run.
 * Beside it: {@link org.kinspect.ImportOptions} and {@link org.kinspect.custom.CustomObjects} (how to
 * import, and Java implementations of a model's custom objects, also from a
 * {@link org.kinspect.custom.KinspectPlugin} jar), {@link org.kinspect.StatefulSession} and
 * {@link org.kinspect.EncoderDecoder} (stateful and seq2seq models run as Keras users run them),
 * {@link org.kinspect.Nd4jStart} (ND4J's backend started on a thread of its own while an import, or a
 * program, does the work that needs none of it; {@code Nd4jStartSettings} makes that start cheaper
 * than ND4J's own, for its duration only and where the user set nothing),
 * and {@link org.kinspect.errors.KinspectException}, the one error every package throws.
 *
 * <p>Must not depend on the packages that take an {@code InspectedModel} ({@code batch},
 * {@code eval}, {@code units}, {@code report}...): it sits after {@code inspect}, {@code gates},
 * {@code gradients} and {@code convert}, whose work it hands out, and before them
 * ({@code FlowOrderTest}). The error every package throws is in {@code errors} and what users plug
 * in is in {@code custom}, both at the bottom of the flow, so no package below imports this one.
 * {@code InspectedModel} hands users read-only views ({@link org.kinspect.ModelLayer},
 * {@link org.kinspect.ModelFile}); the library's own packages reach its description, file and
 * imported graph through {@link org.kinspect.ModelInternals}, which is not exported. {@link org.kinspect.PublicApi} lists
 * what is exported.
 *
 * <pre>{@code
 * InspectedModel model = InspectedModel.open(Path.of("model.keras"));
 * Map<String, INDArray> outputs = model.activations(Map.of("signal", x)); // every layer, Keras layout
 * INDArray kernel = model.weights("lstm_1").get("kernel");               // Keras's shape
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}), except {@link org.kinspect.ModelInternals},
 * which is kept to the library ({@link org.kinspect.PublicApi#LIBRARY_ONLY}).
 */
package org.kinspect;
