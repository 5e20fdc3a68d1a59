package org.kinspect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** An image's attribution drawn over the image: every cell shows the blend of both, read back from the pixels. */
class AttributionOverlayChartTest {

    @Test
    void eachCellIsTheAttributionsColourOverTheImagesGrey() {
        double[][] image = new double[6][8];
        double[][] attribution = new double[6][8];
        for (int row = 0; row < 6; row++) {
            for (int column = 0; column < 8; column++) {
                image[row][column] = row * 8 + column;              // a ramp, black to white
                attribution[row][column] = row == 2 && column == 5 ? 4.0 : row == 4 && column == 1 ? -2.0 : 0.0;
            }
        }
        SizedChart sized = AttributionOverlayChart.create("image", "integrated", image, attribution, List.of("example 0"));
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage drawn = sized.chart().createBufferedImage(sized.width(), sized.height(), info);
        XYPlot plot = sized.chart().getXYPlot();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        HeatmapColours colours = HeatmapColours.forValues(attribution);
        for (int row = 0; row < 6; row++) {
            for (int column = 0; column < 8; column++) {
                int x = (int) plot.getDomainAxis().valueToJava2D(column + 0.5, area, RectangleEdge.BOTTOM);
                int y = (int) plot.getRangeAxis().valueToJava2D(row + 0.5, area, RectangleEdge.LEFT);
                double grey = (row * 8 + column) / 47.0;
                double opacity = AttributionOverlayChart.MOST_OPAQUE * Math.abs(attribution[row][column]) / 4.0;
                Color expected = AttributionOverlayChart.blend(grey, (Color) colours.getPaint(attribution[row][column]),
                        opacity);
                assertEquals(expected.getRGB(), drawn.getRGB(x, y), "cell (" + row + ", " + column + ")");
            }
        }
        // no attribution: pure grey; the strongest: mostly the diverging scale's positive end (blue)
        Color plain = new Color(drawn.getRGB((int) plot.getDomainAxis().valueToJava2D(0.5, area, RectangleEdge.BOTTOM),
                (int) plot.getRangeAxis().valueToJava2D(0.5, area, RectangleEdge.LEFT)));
        assertEquals(plain.getRed(), plain.getBlue());
        Color strongest = new Color(drawn.getRGB((int) plot.getDomainAxis().valueToJava2D(5.5, area, RectangleEdge.BOTTOM),
                (int) plot.getRangeAxis().valueToJava2D(2.5, area, RectangleEdge.LEFT)));
        assertTrue(strongest.getBlue() > strongest.getRed() + 60, strongest.toString());
    }

    @Test
    void anImageInputGetsItsOverlayBesideTheHeatmap(@TempDir Path folder) {
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 5, 7, 3);
        INDArray attribution = Nd4j.rand(DataType.FLOAT, 2, 5, 7, 3).subi(0.5);
        List<ReportImage> images = AttributionCharts.ofInputs(Map.of("image", attribution), Map.of("image", input),
                "saliency", 1, folder);
        assertEquals(2, images.size());
        assertTrue(Files.isRegularFile(folder.resolve("image.saliency.overlay.png")), images.toString());
        assertEquals(1, AttributionCharts.ofInputs(Map.of("image", attribution), "saliency", 1, folder).size(),
                "without the input, no overlay");
    }
}
