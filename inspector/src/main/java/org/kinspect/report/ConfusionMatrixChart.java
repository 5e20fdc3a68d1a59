package org.kinspect.report;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion matrix normalised by rows (rows = true class, columns = predicted; each row sums to 1)
 * as a grid of blue cells, each with its fraction and count, and on its right, apart, a red column
 * with each class's error rate (1 - recall). Beyond {@value #MAX_ANNOTATED} classes the numbers
 * would not fit in the cells and only the colours are drawn.
 *
 * <pre>{@code
 * SizedChart chart = ConfusionMatrixChart.create("classes (Dense): confusion matrix", counts,
 *         List.of("sine", "square", "sawtooth"), List.of("300 examples"));
 * }</pre>
 */
final class ConfusionMatrixChart {
    static final int MAX_ANNOTATED = 20;
    private static final double ERROR_WIDTH = 0.8;
    private static final Color ERROR = new Color(200, 70, 60);
    private static final Font FRACTION = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font COUNT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ConfusionMatrixChart() {}

    /**
     * @param title the chart's title
     * @param counts the counts, rows = true class, columns = predicted
     * @param classNames a name per class, for the axes
     * @param notes lines to show under the title
     * @return the chart, sized to its classes
     */
    static SizedChart create(String title, long[][] counts, List<String> classNames, List<String> notes) {
        int classes = counts.length;
        double[][] fractions = new double[classes][classes];
        double[] errors = new double[classes];
        for (int row = 0; row < classes; row++) {
            long support = 0;
            for (long count : counts[row]) support += count;
            for (int column = 0; column < classes; column++) {
                fractions[row][column] = support == 0 ? Double.NaN : (double) counts[row][column] / support;
            }
            errors[row] = support == 0 ? Double.NaN : 1 - fractions[row][row];
        }
        List<String> columns = new ArrayList<>(classNames);
        columns.add("error rate");
        SymbolAxis predicted = new SymbolAxis("predicted class", columns.toArray(String[]::new));
        SymbolAxis truth = new SymbolAxis("true class", classNames.toArray(String[]::new));
        for (SymbolAxis axis : List.of(predicted, truth)) {
            ChartLook.style(axis);
            axis.setGridBandsVisible(false);
        }
        predicted.setRange(-0.5, classes + 0.5);
        truth.setRange(-0.5, classes - 0.5);
        truth.setInverted(true); // class 0 on top, as a matrix is read
        if (classes > 8) {
            predicted.setVerticalTickLabels(true);
        }

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(predicted);
        plot.setRangeAxis(truth);
        plot.setDomainAxisLocation(AxisLocation.TOP_OR_LEFT); // predicted classes read across the top
        plot.setDataset(0, cells(fractions));
        plot.setRenderer(0, blocks(FractionColours.of(ChartLook.POSITIVE)));
        plot.setDataset(1, errorColumn(errors, classes));
        // Narrower and set off to the right: the error column is not a class.
        XYBlockRenderer errorBlocks = blocks(FractionColours.of(ERROR));
        errorBlocks.setBlockWidth(ERROR_WIDTH);
        plot.setRenderer(1, errorBlocks);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (classes <= MAX_ANNOTATED) {
            for (int row = 0; row < classes; row++) {
                for (int column = 0; column < classes; column++) {
                    annotate(plot, column, row, fractions[row][column], Long.toString(counts[row][column]));
                }
                annotate(plot, classes + (1 - ERROR_WIDTH) / 2, row, errors[row], null);
            }
        }
        JFreeChart chart = ChartLook.chart(title, notes, plot, false);
        int side = Math.max(60, Math.min(110, 900 / Math.max(1, classes + 1)));
        int width = Math.max(560, 220 + side * (classes + 1));
        int height = Math.max(380, 170 + 22 * notes.size() + side * classes);
        return new SizedChart(chart, width, height);
    }

    private static void annotate(XYPlot plot, double column, int row, double fraction, String count) {
        Color ink = FractionColours.dark(fraction) ? Color.WHITE : Color.BLACK;
        String text = Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f", fraction);
        XYTextAnnotation value = new XYTextAnnotation(text, column, count == null ? row : row - 0.1);
        value.setFont(FRACTION);
        value.setPaint(ink);
        plot.addAnnotation(value);
        if (count != null) {
            XYTextAnnotation number = new XYTextAnnotation("(" + count + ")", column, row + 0.22);
            number.setFont(COUNT);
            number.setPaint(ink);
            plot.addAnnotation(number);
        }
    }

    private static XYBlockRenderer blocks(FractionColours colours) {
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(colours);
        renderer.setBlockWidth(1);
        renderer.setBlockHeight(1);
        return renderer;
    }

    private static DefaultXYZDataset cells(double[][] fractions) {
        int classes = fractions.length;
        double[][] series = new double[3][classes * classes];
        int next = 0;
        for (int row = 0; row < classes; row++) {
            for (int column = 0; column < classes; column++) {
                series[0][next] = column;
                series[1][next] = row;
                series[2][next] = fractions[row][column];
                next++;
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("row fraction", series);
        return dataset;
    }

    private static DefaultXYZDataset errorColumn(double[] errors, int column) {
        double[][] series = new double[3][errors.length];
        for (int row = 0; row < errors.length; row++) {
            series[0][row] = column + (1 - ERROR_WIDTH) / 2;
            series[1][row] = row;
            series[2][row] = errors[row];
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("error rate", series);
        return dataset;
    }
}
