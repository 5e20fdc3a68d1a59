package org.kinspect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.report.ReportOptions.FeatureMapChoice;

/**
 * Layers far larger than the corpus's: the charts stay a readable size, draw in reasonable time,
 * and say what they combined.
 */
class ChartLegibilityTest {
    private final Random random = new Random(11);

    @TempDir
    Path folder;

    @Test
    void aDenseLayerOfThousandsOfUnitsIsGroupedIntoVisibleBars() {
        double[] units = new double[5000];
        for (int i = 0; i < units.length; i++) units[i] = Math.max(0, random.nextGaussian());
        SizedChart bars = UnitBarChart.create("dense_big", "Dense", "each unit's activation", units, List.of());
        SizedChart sorted = SortedUnitChart.create("dense_big", "Dense", units, List.of());

        assertTrue(notes(bars).contains("downsampled: each bar reaches the extremes of 13 neighbouring units"), notes(bars));
        assertTrue(notes(sorted).contains("units next in order"), notes(sorted));
        PngAssertions.assertDrawn(bars.writePng(folder.resolve("bars.png"), "dense_big", "bars"));
        PngAssertions.assertDrawn(sorted.writePng(folder.resolve("sorted.png"), "dense_big", "sorted"));
    }

    @Test
    void aLongWideSequenceIsAveragedIntoAReadableHeatmap() {
        double[][] unitsBySteps = new double[2048][1000];
        for (double[] unit : unitsBySteps) {
            for (int step = 0; step < unit.length; step++) unit[step] = Math.tanh(random.nextGaussian());
        }
        long start = System.nanoTime();
        SizedChart heatmap = SequenceHeatmapChart.create("lstm_big", "LSTM", unitsBySteps, SequenceAxes.RECURRENT,
                List.of("example 0 of 1"));
        ReportImage image = heatmap.writePng(folder.resolve("heatmap.png"), "lstm_big", "heatmap");

        assertTrue(notes(heatmap).contains("each cell is the mean of 13 units \u00d7 3 time steps"), notes(heatmap));
        assertTrue(heatmap.height() <= 800, "height " + heatmap.height());
        assertTrue(System.nanoTime() - start < 30e9, "drawn in under 30 s");
        PngAssertions.assertDrawn(image);
    }

    @Test
    void aLargeWeightMatrixIsShrunkAndSaysSo() {
        double[][] kernel = new double[784][512];
        for (double[] row : kernel) {
            for (int column = 0; column < row.length; column++) row[column] = 0.05 * random.nextGaussian();
        }
        SizedChart hinton = HintonDiagram.create("dense_big", "Dense", "kernel", kernel,
                new HintonDiagram.Axes("input", "unit"), List.of(), List.of());

        assertTrue(notes(hinton).contains("each cell is the RMS of 14 rows \u00d7 6 columns, with the sign of their mean"),
                notes(hinton));
        assertTrue(hinton.width() <= 1040 && hinton.height() <= 1200, hinton.width() + "x" + hinton.height());
        PngAssertions.assertDrawn(hinton.writePng(folder.resolve("hinton.png"), "dense_big", "hinton"));
    }

    @Test
    void manyLargeFeatureMapsAreChosenAndAveraged() {
        double[][][] maps = new double[64][200][200];
        for (int channel = 0; channel < maps.length; channel++) {
            for (double[] row : maps[channel]) {
                for (int x = 0; x < row.length; x++) row[x] = channel % 8 == 0 ? random.nextDouble() : 0.01;
            }
        }
        List<Integer> channels = FeatureMapGridChart.choose(maps, 8, FeatureMapChoice.MOST_ACTIVE);
        assertEquals(List.of(0, 8, 16, 24, 32, 40, 48, 56), channels, "the active ones, in channel order");
        SizedChart grid = FeatureMapGridChart.create("conv_big", "Conv2D", maps, channels, List.of());

        assertTrue(notes(grid).contains("each cell is the mean of 4 rows \u00d7 4 columns"), notes(grid));
        assertTrue(grid.height() <= 1400, "height " + grid.height());
        PngAssertions.assertDrawn(grid.writePng(folder.resolve("maps.png"), "conv_big", "maps"));
    }

    @Test
    void featureMapPixelsAreSquareOnScreenWhateverTheMapsShape() {
        // one small channel (the chart's minimum size), one wide map and a tall one
        for (int[] size : new int[][] {{3, 3}, {4, 20}, {24, 5}}) {
            double[][][] maps = new double[2][size[0]][size[1]];
            maps[1][0][0] = 1;
            SizedChart grid = FeatureMapGridChart.create("conv", "Conv2D", maps, List.of(0, 1), List.of("example 0"));
            ChartRenderingInfo info = new ChartRenderingInfo();
            grid.chart().createBufferedImage(grid.width(), grid.height(), info);
            Rectangle2D area = info.getPlotInfo().getDataArea();
            XYPlot plot = grid.chart().getXYPlot();
            double across = area.getWidth() / plot.getDomainAxis().getRange().getLength();
            double down = area.getHeight() / plot.getRangeAxis().getRange().getLength();
            assertEquals(1.0, across / down, 0.01, "screen pixels per map pixel across / down, maps " + size[0] + "x" + size[1]);
        }
    }

    private static String notes(SizedChart sized) {
        JFreeChart chart = sized.chart();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle title) text.append(title.getText()).append('\n');
        }
        return text.toString();
    }
}
