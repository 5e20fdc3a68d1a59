package org.kinspect.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.kinspect.errors.KinspectException;
import org.kinspect.report.png.PngFile;

/**
 * A chart with the size it reads best at.
 *
 * @param chart the chart
 * @param width its width in pixels
 * @param height its height in pixels
 */
record SizedChart(JFreeChart chart, int width, int height) {

    /**
     * @param file where to write the PNG; replaced if it exists
     * @param layer the layer it shows
     * @param caption what it shows, for the index
     * @return the image written
     * @throws KinspectException when the file cannot be written
     */
    ReportImage writePng(Path file, String layer, String caption) {
        try {
            // opaque pixels (every chart paints its background): no alpha to composite or to scan for
            PngFile.write(chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null), file);
        } catch (IOException e) {
            throw KinspectException.input(file + ": cannot write the chart (" + e.getMessage()
                    + "); check that the folder is writable", e);
        }
        return new ReportImage(file, layer, caption, width, height);
    }
}
