/**
 * After step 4 of the flow (file -> config -> graph -> inspect -> report): a whole data set streamed
 * through a model batch by batch, for the passes that survey units ({@code units}), score a
 * classifier ({@code eval}) and compare models or data sets ({@code diff}). A data set is any
 * {@code Iterable<Map<String, INDArray>>}, one map of input name to rows per batch:
 * {@link org.kinspect.batch.NpyBatches} reads {@code .npy} files a batch at a time,
 * {@link org.kinspect.batch.InputBatches} wraps arrays already in memory.
 * {@link org.kinspect.batch.BatchForward} runs each batch only as far as one layer, or several (the
 * first batch under {@code InspectedModel}'s checks and time limit, the others directly);
 * {@link org.kinspect.batch.BatchListener} is told after each batch.
 *
 * <p>Must not depend on {@code eval}, {@code units}, {@code diff}, {@code report} or the CLI (true
 * today); it reads {@code InspectedModel}, {@code inspect.ActivationProbe} and {@code array}.
 *
 * <pre>{@code
 * try (NpyBatches data = NpyBatches.open(Map.of("signal", Path.of("x.npy")), 256)) {
 *     BatchForward forward = BatchForward.to(model, "lstm_1");
 *     for (Map<String, INDArray> batch : data) {
 *         INDArray lstm = forward.run(batch); // (256, steps, units), Keras layout
 *     }
 * }
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.batch;
