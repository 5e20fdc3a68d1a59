package org.kinspect.report.graph;

/**
 * What a node shows of its layer's output after a run.
 *
 * @param glyph a picture of one example's output, or null when there is none to draw
 * @param statistic the value of the chosen {@link NodeStatistic} over the batch; NaN when it does not apply
 */
public record NodeActivity(NodeGlyph glyph, double statistic) {}
