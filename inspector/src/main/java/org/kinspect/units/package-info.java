/**
 * After step 4 of the flow (file -> config -> graph -> inspect -> report): what each unit of one
 * layer does over a whole data set. {@link org.kinspect.units.UnitSurveyor} streams the batches
 * through the model as far as the layer and returns a {@link org.kinspect.units.UnitSurvey}: per
 * unit ({@link org.kinspect.units.UnitStatistics}) the mean, std, min, max and zero fraction, the
 * dead units, and the examples that excite it most ({@link org.kinspect.units.TopActivation}, with
 * the time step of the peak for a sequence). {@link org.kinspect.units.UnitAccumulator} combines
 * batches in memory that does not grow with the number of examples. {@link org.kinspect.units.UnitAxis}
 * says where a layer's units are in its output ({@code diff} uses it too).
 *
 * <p>Must not depend on {@code report}, {@code eval} or the CLI (true today); {@code report} draws a
 * survey ({@code UnitSurveyCharts}).
 *
 * <pre>{@code
 * try (NpyBatches data = NpyBatches.open(Map.of("signal", Path.of("x.npy")), 256)) {
 *     UnitSurvey survey = UnitSurveyor.of(model, "lstm_1").top(9).survey(data);
 * }
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.units;
