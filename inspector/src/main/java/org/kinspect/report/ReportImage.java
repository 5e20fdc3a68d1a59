package org.kinspect.report;

import java.nio.file.Path;

/**
 * One PNG chart of a report.
 *
 * @param file where it was written
 * @param layer the Keras layer it shows
 * @param caption what it shows, in a few words ("units over time", "kernel: Hinton diagram")
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record ReportImage(Path file, String layer, String caption, int width, int height) {}
