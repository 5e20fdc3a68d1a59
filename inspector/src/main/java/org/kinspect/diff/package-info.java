/**
 * After step 4 of the flow (file -> config -> graph -> inspect -> report): what changed between
 * two models, or between two data sets, layer by layer and unit by unit.
 *
 * <ul>
 *   <li>Two models, one data set: {@link org.kinspect.diff.ModelDiffer} streams the batches
 *       through both and returns a {@link org.kinspect.diff.ModelDifference}: per layer the
 *       max/mean absolute and relative difference, cosine similarity, the weights' relative change
 *       ({@link org.kinspect.diff.WeightChange}), and the first layer beyond a tolerance; layers
 *       matched by name and output shape ({@code LayerMatch}), the rest unmatched.</li>
 *   <li>One model, two data sets: {@link org.kinspect.diff.ShiftSurveyor} returns a
 *       {@link org.kinspect.diff.DataSetShift}: per unit the KL divergence and PSI over bins fixed
 *       from the first set's range ({@link org.kinspect.diff.ActivationRanges}), mean and std
 *       shift, dead units, layers ranked by mean PSI.</li>
 * </ul>
 *
 * <p>The accumulators {@link org.kinspect.diff.ModelComparison} and
 * {@link org.kinspect.diff.ActivationShift} (and {@code ActivationRanges}) hold a fixed amount of
 * state whatever the number of examples, are {@link java.io.Serializable}, and {@code merge}
 * exactly: sums are kept exactly ({@link org.kinspect.diff.ExactSum}) from each example's own
 * partial sums, so partitions merged in any order give the result of one pass, bit for bit, for
 * the same layer outputs. (DL4J's output for an example can differ in the last bits with the size
 * of the batch it runs in: partitions that must equal a pass bit for bit run its batch size.)
 *
 * <p>Reads {@code InspectedModel}, {@code batch} (streaming), {@code inspect} (layer names, data
 * formats) and {@code units.UnitAxis}; must not depend on {@code report}, {@code eval} or the CLI
 * ({@code report.DiffCharts} draws these results).
 *
 * <pre>{@code
 * ModelDifference difference = ModelDiffer.of(a, b).tolerance(1e-5).compare(batches);
 * DataSetShift shift = ShiftSurveyor.of(model).bins(10).survey(training, incoming);
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.diff;
