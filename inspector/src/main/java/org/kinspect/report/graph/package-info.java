/**
 * The drawn model graph: what Netron shows (layers as boxes, tensors as arrows), plus what kinspect
 * knows after a run. {@link org.kinspect.report.graph.ModelGraph} takes the structure from the
 * model's description ({@code config.ModelSpec}: one node per layer call, shared layers' later
 * calls {@code LAYER@k}, nested models' layers {@code MODEL/LAYER}) and the summary (shapes,
 * parameters); recurrent states are named on the edges that carry them, as
 * {@code config.InitialStateSource} names them. {@link org.kinspect.report.graph.GraphLayout} lays
 * it out top-down with the Eclipse Layout Kernel's layered algorithm (pure Java, nested models as
 * compound nodes); {@link org.kinspect.report.graph.GraphPicture} draws it, after a run with a
 * {@link org.kinspect.report.graph.NodeGlyph} in every box and boxes coloured by a
 * {@link org.kinspect.report.graph.NodeStatistic}, as SVG (one drawing routine,
 * {@code GraphDrawing}, on an SVG canvas) or as PNG (the same routine on Java2D).
 *
 * <p>Named {@code report.graph}, not {@code graph}: {@code org.kinspect.graph} builds the DL4J graph.
 * It reads {@code config}, {@code inspect}, {@code shape} and {@code gates} (the saturation
 * thresholds); {@code report} puts its SVG on top of {@code index.html}; it depends on nothing in
 * {@code report}.
 *
 * <pre>{@code
 * GraphPicture.of(model).writeSvg(Path.of("graph.svg"));                    // the structure alone
 * GraphPicture.of(model, model.activations(x), NodeStatistic.DEAD_UNITS, 0)
 *         .writePng(Path.of("graph.png"));                                  // after a run
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.report.graph;
