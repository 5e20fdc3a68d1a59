/**
 * Step 5 of the flow (file -> config -> graph -> inspect -> report): what a person looks at.
 * {@link org.kinspect.report.ReportWriter} writes a folder that opens in a browser from disk: PNG
 * charts (drawn headless with JFreeChart) of every layer's output, chosen by its shape and kind (a
 * sequence gets a heatmap and unit traces, a vector bar charts, an image stack a grid of feature
 * maps), optionally of its weights (Hinton diagrams, histograms), and an {@code index.html} with the
 * model graph ({@link org.kinspect.report.graph.GraphPicture}, inline SVG, each box linked to its
 * section), the model summary and each layer's statistics. {@link org.kinspect.report.UnitSurveyCharts} and
 * {@link org.kinspect.report.EvaluationCharts} draw a unit survey and an evaluation,
 * {@link org.kinspect.report.DiffCharts} what {@code diff} finds;
 * {@link org.kinspect.report.LayerFileNames} is the one rule for naming files after layers.
 *
 * <p>The end of the flow: no package of the library may depend on it (true today); it reads
 * {@code InspectedModel}, {@code inspect}, {@code units}, {@code eval}, {@code diff} and {@code config}.
 * Known debt (issue 17, "duplicates"): {@code HintonDiagram} and the heatmap charts draw cells each
 * their own way.
 *
 * <pre>{@code
 * Map<String, INDArray> activations = model.activations(NpyFile.read(Path.of("x.npy")));
 * Report report = ReportWriter.write(model, activations, ReportOptions.defaults().withWeights(true),
 *         Path.of("report"));
 * System.out.println("open " + report.index());
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.report;
