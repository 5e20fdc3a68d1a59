package org.kinspect.report;

import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * An image's attribution drawn over the image itself, as tf-keras-vis and Captum show saliency:
 * the input in grey (its channels averaged, black at its smallest value, white at its largest), and
 * on it the attribution in the report's heatmap colours, the more opaque the larger its magnitude
 * (transparent at zero, {@value #MOST_OPAQUE} opaque at the largest), so the regions that mattered
 * stand out on the picture they are in. Large images are averaged down to
 * {@value #MAX_CELLS} x {@value #MAX_CELLS} cells, the image and its attribution alike.
 *
 * <pre>{@code
 * SizedChart chart = AttributionOverlayChart.create("image", "integrated", imageRows, attributionRows,
 *         List.of("example 0 of 4"));
 * }</pre>
 */
final class AttributionOverlayChart {
    static final int MAX_CELLS = 128;
    static final double MOST_OPAQUE = 0.85;
    private static final int WIDTH = 760;
    private static final int FRAME_HEIGHT = 170;

    private AttributionOverlayChart() {}

    /**
     * @param name the input's name
     * @param method what the attribution is ("integrated", "saliency")
     * @param image the input, (rows, columns), its channels averaged
     * @param attribution the attribution, (rows, columns), its channels summed
     * @param notes lines under the title
     * @return the chart
     */
    static SizedChart create(String name, String method, double[][] image, double[][] attribution,
            List<String> notes) {
        ReducedGrid picture = ReducedGrid.mean(image, MAX_CELLS, MAX_CELLS);
        ReducedGrid heat = ReducedGrid.mean(attribution, MAX_CELLS, MAX_CELLS);
        HeatmapColours colours = HeatmapColours.forValues(heat.cells());
        Color[][] cells = cellColours(picture.cells(), heat.cells(), colours);
        int rows = cells.length;
        int columns = cells[0].length;

        // z of each block is its cell's number; the paint scale hands back that cell's blended colour
        double[][] series = new double[3][rows * columns];
        Color[] byNumber = new Color[rows * columns];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                int number = row * columns + column;
                series[0][number] = column;
                series[1][number] = row;
                series[2][number] = number;
                byNumber[number] = cells[row][column];
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries(name, series);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new CellColours(byNumber));
        renderer.setBlockAnchor(RectangleAnchor.BOTTOM_LEFT);
        NumberAxis across = ChartLook.axis("column", true);
        across.setRange(0, columns);
        NumberAxis down = ChartLook.axis("row", true);
        down.setRange(0, rows);
        down.setInverted(true); // image row 0 on top
        XYPlot plot = new XYPlot(dataset, across, down, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);

        List<String> lines = new ArrayList<>(notes);
        lines.add("the input in grey (channels averaged); " + method + " on it, the stronger the more opaque");
        if (heat.reduced()) lines.add(heat.describe("rows", "columns"));
        JFreeChart chart = ChartLook.chart(ChartLook.title(name, method, "over the image"), lines, plot, false);
        chart.addSubtitle(ChartLook.colourLegend(colours, method));
        int height = (int) Math.max(360, Math.round((WIDTH - 150.0) * rows / columns) + FRAME_HEIGHT + 16 * lines.size());
        FeatureMapGridChart.squarePixels(chart, plot, WIDTH, height);
        return new SizedChart(chart, WIDTH, height);
    }

    /**
     * @param image the input's cells
     * @param attribution the attribution's cells, the same grid
     * @param colours the attribution's colour scale
     * @return each cell's colour: the attribution's colour over the grey of the image, opaque in
     *     proportion to the attribution's magnitude
     */
    static Color[][] cellColours(double[][] image, double[][] attribution, HeatmapColours colours) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        double largest = 0;
        for (int row = 0; row < image.length; row++) {
            for (int column = 0; column < image[row].length; column++) {
                if (Double.isFinite(image[row][column])) {
                    low = Math.min(low, image[row][column]);
                    high = Math.max(high, image[row][column]);
                }
                if (Double.isFinite(attribution[row][column])) {
                    largest = Math.max(largest, Math.abs(attribution[row][column]));
                }
            }
        }
        Color[][] cells = new Color[image.length][];
        for (int row = 0; row < image.length; row++) {
            cells[row] = new Color[image[row].length];
            for (int column = 0; column < image[row].length; column++) {
                double value = image[row][column];
                double grey = high > low && Double.isFinite(value) ? (value - low) / (high - low) : 0.5;
                double strength = attribution[row][column];
                double opacity = largest > 0 && Double.isFinite(strength) ? MOST_OPAQUE * Math.abs(strength) / largest
                        : 0;
                cells[row][column] = blend(grey, (Color) colours.getPaint(strength), opacity);
            }
        }
        return cells;
    }

    /**
     * @param grey the image's brightness, 0 (black) to 1 (white)
     * @param heat the attribution's colour
     * @param opacity how much of the attribution's colour, 0 to 1
     * @return the colour seen
     */
    static Color blend(double grey, Color heat, double opacity) {
        double base = 255 * grey;
        return new Color(mix(base, heat.getRed(), opacity), mix(base, heat.getGreen(), opacity),
                mix(base, heat.getBlue(), opacity));
    }

    private static int mix(double base, int top, double opacity) {
        return (int) Math.round(Math.max(0, Math.min(255, base * (1 - opacity) + top * opacity)));
    }

    /** Hands each block the colour of its cell, by the cell number the dataset gives as z. */
    private record CellColours(Color[] byNumber) implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return byNumber.length - 1;
        }

        @Override
        public Paint getPaint(double value) {
            int number = (int) Math.round(value);
            return number >= 0 && number < byNumber.length ? byNumber[number] : HeatmapColours.NOT_FINITE;
        }
    }
}
