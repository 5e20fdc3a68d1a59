package org.kinspect.report;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A sequence as a heatmap: one row per unit (or channel), one column per time step, coloured by
 * activation, row 0 at the top. Thousands of units are averaged into at most {@value #MAX_ROWS}
 * rows, and the chart says so.
 *
 * <pre>{@code
 * SizedChart chart = SequenceHeatmapChart.create("lstm_1", "LSTM", unitsBySteps, SequenceAxes.RECURRENT,
 *         List.of("example 0 of 4"));
 * }</pre>
 */
final class SequenceHeatmapChart {
    static final int MAX_ROWS = 160;
    static final int MAX_COLUMNS = 400;
    static final int WIDTH = 1000;

    private SequenceHeatmapChart() {}

    /**
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param values {@code values[row][step]}
     * @param axes what rows and columns are
     * @param notes lines to show under the title
     * @return the chart
     */
    static SizedChart create(String layer, String className, double[][] values, SequenceAxes axes, List<String> notes) {
        return create(layer, className, values, axes, notes, "activation");
    }

    /**
     * @param legend what the colours are ("activation", "gradient")
     * @return the chart, as {@link #create(String, String, double[][], SequenceAxes, List)} with that legend
     */
    static SizedChart create(String layer, String className, double[][] values, SequenceAxes axes, List<String> notes,
            String legend) {
        ReducedGrid grid = ReducedGrid.mean(values, MAX_ROWS, MAX_COLUMNS);
        int rows = grid.rows();
        int columns = grid.columns();
        List<String> lines = new ArrayList<>(notes);
        lines.add(rows + " " + axes.rows() + " \u00d7 " + columns + " " + axes.columns()
                + (grid.reduced() ? "; " + grid.describe(axes.rows(), axes.columns()) : ""));

        NumberAxis stepAxis = ChartLook.axis(axes.column(), true);
        stepAxis.setRange(-0.5, columns - 0.5);
        NumberAxis rowAxis = ChartLook.axis(axes.row(), true);
        rowAxis.setRange(-0.5, rows - 0.5);
        rowAxis.setInverted(true); // row 0 on top, as a matrix is read

        HeatmapColours colours = HeatmapColours.forValues(grid.cells());
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(colours);
        renderer.setBlockWidth(grid.columnsPerCell());
        renderer.setBlockHeight(grid.rowsPerCell());
        renderer.setBlockAnchor(RectangleAnchor.BOTTOM_LEFT);

        XYPlot plot = new XYPlot(cells(grid), stepAxis, rowAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = ChartLook.chart(ChartLook.title(layer, className, axes.rows() + " \u00d7 " + axes.columns()),
                lines, plot, false);
        chart.addSubtitle(ChartLook.colourLegend(colours, legend));
        int cellRows = grid.cells().length;
        int height = Math.max(380, Math.min(760, 230 + cellRows * 26));
        return new SizedChart(chart, WIDTH, height);
    }

    /** Each cell as a block from its first row and column, half a step before, so ticks sit on indices. */
    private static DefaultXYZDataset cells(ReducedGrid grid) {
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("activation", grid.xyz(-0.5, -0.5));
        return dataset;
    }
}
