/**
 * PNG files written fast: {@link org.kinspect.report.png.PngFile} encodes an RGB image with one
 * filter and a fast deflate, where ImageIO tries five filters per row. The charts of {@code report}
 * and the drawn model graph of {@code report.graph} both write through it, so it sits below both.
 *
 * <pre>{@code
 * PngFile.write(image, Path.of("out/lstm_1.png"));
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.report.png;
