package org.kinspect.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * A weight matrix as a Hinton diagram: one square per weight, its area proportional to the
 * weight's magnitude, blue when positive and red when negative. Big matrices are shrunk to at most
 * {@value #MAX_ROWS} x {@value #MAX_COLUMNS} squares, each the RMS of a block of weights with the
 * sign of their mean, and the chart says so. The gates of LSTM and GRU weights are marked.
 *
 * <pre>{@code
 * SizedChart chart = HintonDiagram.create("lstm_1", "LSTM", "recurrent_kernel", matrix,
 *         new HintonDiagram.Axes("unit of h(t-1)", "gate unit"), List.of("i", "f", "c", "o"), List.of());
 * }</pre>
 */
final class HintonDiagram {
    static final int MAX_ROWS = 60;
    static final int MAX_COLUMNS = 100;
    private static final Color BACKGROUND = new Color(238, 238, 238);

    /**
     * @param rows what a row of the matrix is ("input")
     * @param columns what a column is ("unit")
     */
    record Axes(String rows, String columns) {}

    private HintonDiagram() {}

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param weightName the Keras weight name ("kernel")
     * @param matrix {@code matrix[row][column]}
     * @param axes what rows and columns are
     * @param gates the names of equal column blocks to mark (LSTM {@code i, f, c, o}); empty for none
     * @param notes lines to show under the title
     * @return the chart
     */
    static SizedChart create(String layer, String className, String weightName, double[][] matrix, Axes axes,
            List<String> gates, List<String> notes) {
        ReducedGrid grid = ReducedGrid.signedRms(matrix, MAX_ROWS, MAX_COLUMNS);
        double largest = 0;
        for (double[] row : grid.cells()) {
            for (double value : row) {
                if (Double.isFinite(value)) largest = Math.max(largest, Math.abs(value));
            }
        }
        int cellRows = grid.cells().length;
        int cellColumns = grid.cells()[0].length;
        int cell = (int) Math.max(4, Math.min(40, Math.min(860.0 / cellColumns, 760.0 / cellRows)));
        boolean gated = !gates.isEmpty();

        NumberAxis columnAxis = ChartLook.axis(axes.columns(), true);
        columnAxis.setRange(-0.5, grid.columns() - 0.5);
        NumberAxis rowAxis = ChartLook.axis(axes.rows(), true);
        // Gate names go in a strip above row 0, about 24 pixels high.
        double labelStrip = gated ? 24.0 / cell * grid.rowsPerCell() : 0;
        rowAxis.setRange(-0.5 - labelStrip, grid.rows() - 0.5);
        rowAxis.setNumberFormatOverride(IndexFormat.INSTANCE); // no tick for the strip's "-1"
        rowAxis.setInverted(true); // row 0 on top, as the matrix is printed

        XYPlot plot = new XYPlot(squares(grid), columnAxis, rowAxis, new SquareRenderer(grid, largest));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (gated) markGates(plot, grid.columns(), gates);
        plot.setFixedLegendItems(legend());

        List<String> lines = new ArrayList<>(notes);
        lines.add(grid.rows() + " \u00d7 " + grid.columns() + " weights; area \u221d |weight|, largest square "
                + String.format("%.3g", largest));
        if (gated) {
            lines.add("columns: " + gates.size() + " gates side by side, " + grid.columns() / gates.size()
                    + " units each");
        }
        if (grid.reduced()) lines.add(grid.describe("rows", "columns") + ", with the sign of their mean");
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, weightName + ": Hinton diagram"),
                lines, plot, true);
        // Grey, so the extent of the matrix shows where weights are near zero.
        plot.setBackgroundPaint(BACKGROUND);

        int width = Math.max(640, Math.min(1040, cellColumns * cell + 180));
        int stripHeight = (int) (labelStrip / grid.rowsPerCell() * cell);
        int height = Math.max(380, cellRows * cell + stripHeight + 200 + 16 * lines.size());
        return new SizedChart(chart, width, height);
    }

    private static void markGates(XYPlot plot, int columns, List<String> gates) {
        int perGate = columns / gates.size();
        for (int gate = 0; gate < gates.size(); gate++) {
            IntervalMarker band = new IntervalMarker(gate * perGate - 0.5, (gate + 1) * perGate - 0.5,
                    gate % 2 == 0 ? new Color(250, 250, 250) : BACKGROUND);
            band.setLabel(gates.get(gate));
            band.setLabelFont(ChartLook.LABEL);
            band.setLabelAnchor(RectangleAnchor.TOP);
            band.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            band.setLabelOffset(new RectangleInsets(4, 0, 0, 0));
            band.setLabelBackgroundColor(new Color(0, 0, 0, 0));
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
    }

    private static LegendItemCollection legend() {
        LegendItemCollection items = new LegendItemCollection();
        items.add(new LegendItem("positive", ChartLook.POSITIVE));
        items.add(new LegendItem("negative", ChartLook.NEGATIVE));
        return items;
    }

    private static DefaultXYZDataset squares(ReducedGrid grid) {
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("weights", grid.xyz(-0.5, -0.5));
        return dataset;
    }

    /** Draws each cell as a square centred in it, its area proportional to the cell's magnitude. */
    private static final class SquareRenderer extends AbstractXYItemRenderer {
        private final ReducedGrid grid;
        private final double largest;

        SquareRenderer(ReducedGrid grid, double largest) {
            this.grid = grid;
            this.largest = largest;
        }

        @Override
        public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
                CrosshairState crosshairState, int pass) {
            double value = ((XYZDataset) dataset).getZValue(series, item);
            double left = dataset.getXValue(series, item);
            double top = dataset.getYValue(series, item);
            double x0 = domainAxis.valueToJava2D(left, dataArea, plot.getDomainAxisEdge());
            double x1 = domainAxis.valueToJava2D(left + grid.columnsPerCell(), dataArea, plot.getDomainAxisEdge());
            double y0 = rangeAxis.valueToJava2D(top, dataArea, plot.getRangeAxisEdge());
            double y1 = rangeAxis.valueToJava2D(top + grid.rowsPerCell(), dataArea, plot.getRangeAxisEdge());
            double cellSide = Math.min(Math.abs(x1 - x0), Math.abs(y1 - y0)) * 0.85; // a gap between neighbours
            double centreX = (x0 + x1) / 2;
            double centreY = (y0 + y1) / 2;
            if (!Double.isFinite(value)) {
                g2.setPaint(HeatmapColours.NOT_FINITE);
                g2.fill(new Rectangle2D.Double(centreX - cellSide / 2, centreY - cellSide / 2, cellSide, cellSide));
                return;
            }
            if (largest == 0 || value == 0) return;
            double side = cellSide * Math.sqrt(Math.abs(value) / largest);
            g2.setPaint(value > 0 ? ChartLook.POSITIVE : ChartLook.NEGATIVE);
            g2.fill(new Rectangle2D.Double(centreX - side / 2, centreY - side / 2, side, side));
        }
    }
}
