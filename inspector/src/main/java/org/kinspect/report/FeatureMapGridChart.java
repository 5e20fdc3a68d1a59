package org.kinspect.report;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.kinspect.report.ReportOptions.FeatureMapChoice;

/**
 * A 2-D convolution's output as a grid of small heatmaps, one per channel, all on one colour scale
 * so a quiet channel looks quiet. Maps larger than {@value #MAX_MAP_SIZE} pixels a side are averaged
 * down, and the chart says so.
 *
 * <pre>{@code
 * double[][][] maps = slice.channelMaps(false);
 * List<Integer> channels = FeatureMapGridChart.choose(maps, 16, FeatureMapChoice.MOST_ACTIVE);
 * SizedChart chart = FeatureMapGridChart.create("conv", "Conv2D", maps, channels, List.of("example 0 of 2"));
 * }</pre>
 */
final class FeatureMapGridChart {
    static final int MAX_MAP_SIZE = 64;
    static final int WIDTH = 1000;
    /** Pixels the title, notes, legend and axes take, around the plot itself. */
    private static final int FRAME_WIDTH = 150;
    private static final int FRAME_HEIGHT = 150;
    /** Screen pixels per map pixel at most: a 5 x 5 map need not fill the page. */
    private static final double MAX_PIXEL_SIZE = 24;
    private static final int MAX_HEIGHT = 1400;

    private FeatureMapGridChart() {}

    /**
     * @param maps {@code maps[channel][row][column]}
     * @param count how many channels at most
     * @param choice which channels when there are more
     * @return the channels to draw, in channel order
     */
    static List<Integer> choose(double[][][] maps, int count, FeatureMapChoice choice) {
        if (maps.length <= count || choice == FeatureMapChoice.FIRST) {
            return IntStream.range(0, Math.min(count, maps.length)).boxed().toList();
        }
        double[] activity = new double[maps.length];
        for (int channel = 0; channel < maps.length; channel++) {
            double sum = 0;
            int cells = 0;
            for (double[] row : maps[channel]) {
                for (double value : row) {
                    if (Double.isFinite(value)) sum += Math.abs(value);
                    cells++;
                }
            }
            activity[channel] = cells == 0 ? 0 : sum / cells;
        }
        return IntStream.range(0, maps.length).boxed()
                .sorted(Comparator.comparingDouble((Integer channel) -> activity[channel]).reversed())
                .limit(count).sorted().toList();
    }

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param maps {@code maps[channel][row][column]}
     * @param channels the channels to draw
     * @param notes lines to show under the title (which example, how the channels were chosen)
     * @return the chart
     */
    static SizedChart create(String layer, String className, double[][][] maps, List<Integer> channels,
            List<String> notes) {
        int height = maps[0].length;
        int width = maps[0][0].length;
        // About as many columns as rows, allowing for the maps' own aspect.
        int columns = Math.max(1, Math.min(channels.size(),
                (int) Math.ceil(Math.sqrt(channels.size() * (double) height / width))));
        int rows = (channels.size() + columns - 1) / columns;
        double horizontalGap = Math.max(1, width * 0.12);
        double verticalGap = Math.max(2, height * 0.28); // room for the channel label above each map

        List<ReducedGrid> tiles = new ArrayList<>();
        for (int channel : channels) {
            tiles.add(ReducedGrid.mean(maps[channel], MAX_MAP_SIZE, MAX_MAP_SIZE));
        }
        HeatmapColours colours = HeatmapColours.forValues(tiles.stream().flatMap(tile -> Arrays.stream(tile.cells()))
                .toArray(double[][]::new));
        ReducedGrid first = tiles.get(0);

        DefaultXYZDataset dataset = new DefaultXYZDataset();
        List<XYTextAnnotation> labels = new ArrayList<>();
        for (int index = 0; index < tiles.size(); index++) {
            double left = (index % columns) * (width + horizontalGap);
            double top = (index / columns) * (height + verticalGap) + verticalGap;
            dataset.addSeries("channel " + channels.get(index), tiles.get(index).xyz(left, top));
            XYTextAnnotation label = new XYTextAnnotation("channel " + channels.get(index), left + width / 2.0,
                    top - verticalGap * 0.15);
            label.setFont(ChartLook.NOTE);
            label.setTextAnchor(TextAnchor.BOTTOM_CENTER);
            labels.add(label);
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(colours);
        renderer.setBlockWidth(first.columnsPerCell());
        renderer.setBlockHeight(first.rowsPerCell());
        renderer.setBlockAnchor(RectangleAnchor.BOTTOM_LEFT);

        double dataWidth = columns * width + (columns - 1) * horizontalGap;
        double dataHeight = rows * (height + verticalGap);
        NumberAxis across = ChartLook.axis("width: " + width + " pixels per map", true);
        across.setRange(-horizontalGap / 2, dataWidth + horizontalGap / 2);
        NumberAxis down = ChartLook.axis("height: " + height + " pixels per map", true);
        down.setRange(0, dataHeight + verticalGap * 0.3);
        down.setInverted(true); // image row 0 on top
        for (NumberAxis axis : List.of(across, down)) {
            axis.setTickLabelsVisible(false);
            axis.setTickMarksVisible(false);
        }
        XYPlot plot = new XYPlot(dataset, across, down, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        labels.forEach(plot::addAnnotation);

        List<String> lines = new ArrayList<>(notes);
        if (first.reduced()) lines.add(first.describe("rows", "columns"));
        lines.add("one colour scale for every map");
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, "feature maps"), lines, plot, false);
        chart.addSubtitle(ChartLook.colourLegend(colours, "activation"));

        // Square pixels, each map pixel at most MAX_PIXEL_SIZE screen pixels, the whole within MAX_HEIGHT.
        double scale = Math.min(MAX_PIXEL_SIZE, (WIDTH - FRAME_WIDTH) / dataWidth);
        int frameHeight = FRAME_HEIGHT + 16 * lines.size();
        scale = Math.min(scale, (MAX_HEIGHT - frameHeight) / dataHeight);
        int chartWidth = (int) Math.max(640, Math.round(dataWidth * scale) + FRAME_WIDTH);
        int chartHeight = (int) Math.max(360, Math.round(dataHeight * scale) + frameHeight);
        squarePixels(chart, plot, chartWidth, chartHeight);
        return new SizedChart(chart, chartWidth, chartHeight);
    }

    /**
     * Widens one axis so that a map pixel is as wide as it is high on screen: the frame (title,
     * notes, legend) is measured by drawing the chart once at its size, since minimum sizes and
     * the frame guesses above can leave the data area another shape than the maps.
     */
    static void squarePixels(JFreeChart chart, XYPlot plot, int chartWidth, int chartHeight) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.createBufferedImage(chartWidth, chartHeight, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (area.getWidth() <= 0 || area.getHeight() <= 0) {
            return;
        }
        ValueAxis across = plot.getDomainAxis();
        ValueAxis down = plot.getRangeAxis();
        double unitsPerPixel = Math.max(across.getRange().getLength() / area.getWidth(),
                down.getRange().getLength() / area.getHeight());
        double acrossHalf = area.getWidth() * unitsPerPixel / 2;
        double downHalf = area.getHeight() * unitsPerPixel / 2;
        // keep the maps where they are relative to the top left: grow to the right and downwards
        across.setRange(across.getLowerBound(), across.getLowerBound() + 2 * acrossHalf);
        down.setRange(down.getLowerBound(), down.getLowerBound() + 2 * downHalf);
    }
}
