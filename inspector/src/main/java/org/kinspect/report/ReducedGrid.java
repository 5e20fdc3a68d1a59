package org.kinspect.report;

import java.util.function.ToDoubleFunction;

/**
 * A matrix shrunk to at most so many rows and columns by combining blocks of neighbouring cells,
 * so a layer of thousands of units still draws as a legible picture, not as sub-pixel noise.
 *
 * <pre>{@code
 * ReducedGrid grid = ReducedGrid.mean(unitsByStep, 200, 400);
 * if (grid.reduced()) subtitle = grid.describe("units", "time steps"); // "each cell: mean of 4 units x 1 time step"
 * }</pre>
 *
 * @param cells the combined values, {@code cells[row][column]}
 * @param rowsPerCell how many original rows each cell row combines
 * @param columnsPerCell how many original columns each cell column combines
 * @param rows how many rows the original matrix had
 * @param columns how many columns it had
 * @param how how a block was combined ("mean", "RMS")
 */
record ReducedGrid(double[][] cells, int rowsPerCell, int columnsPerCell, int rows, int columns, String how) {

    /** @return true when cells combine more than one value */
    boolean reduced() {
        return rowsPerCell > 1 || columnsPerCell > 1;
    }

    /**
     * @param values {@code values[row][column]}, rectangular
     * @param maxRows the most rows wanted
     * @param maxColumns the most columns wanted
     * @return the block means; the values themselves when they already fit
     */
    static ReducedGrid mean(double[][] values, int maxRows, int maxColumns) {
        return combine(values, maxRows, maxColumns, "mean", block -> {
            double sum = 0;
            for (double value : block) sum += value;
            return sum / block.length;
        });
    }

    /**
     * For weights, where a plain mean cancels out: each block's root-mean-square magnitude, carrying
     * the sign of its mean.
     *
     * @param values {@code values[row][column]}, rectangular
     * @param maxRows the most rows wanted
     * @param maxColumns the most columns wanted
     * @return the signed block RMS; the values themselves when they already fit
     */
    static ReducedGrid signedRms(double[][] values, int maxRows, int maxColumns) {
        return combine(values, maxRows, maxColumns, "RMS", block -> {
            double sum = 0;
            double squares = 0;
            for (double value : block) {
                sum += value;
                squares += value * value;
            }
            double rms = Math.sqrt(squares / block.length);
            return sum < 0 ? -rms : rms;
        });
    }

    /**
     * @param rowNoun what a row is, plural ("units")
     * @param columnNoun what a column is, plural ("time steps")
     * @return e.g. {@code "downsampled: each cell is the mean of 4 units x 2 time steps"}
     */
    String describe(String rowNoun, String columnNoun) {
        return "downsampled: each cell is the " + how + " of " + rowsPerCell + " " + singular(rowNoun, rowsPerCell)
                + " \u00d7 " + columnsPerCell + " " + singular(columnNoun, columnsPerCell);
    }

    /**
     * The cells as a JFreeChart XYZ series: each cell at its first original column (x) and row (y),
     * shifted by {@code left} and {@code top}, with its value (z). The one place charts turn a grid
     * into points (heatmap blocks, Hinton squares, feature-map tiles).
     *
     * <pre>{@code
     * dataset.addSeries("weights", grid.xyz(-0.5, -0.5)); // blocks start half a step before, ticks on indices
     * }</pre>
     *
     * @param left added to every x
     * @param top added to every y
     * @return {x, y, z}, one entry per cell, row by row
     */
    double[][] xyz(double left, double top) {
        int count = cells.length * (cells.length == 0 ? 0 : cells[0].length);
        double[] x = new double[count];
        double[] y = new double[count];
        double[] z = new double[count];
        int next = 0;
        for (int row = 0; row < cells.length; row++) {
            for (int column = 0; column < cells[row].length; column++) {
                x[next] = left + column * columnsPerCell;
                y[next] = top + row * rowsPerCell;
                z[next] = cells[row][column];
                next++;
            }
        }
        return new double[][] {x, y, z};
    }

    private static String singular(String plural, int count) {
        return count == 1 && plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }

    private static ReducedGrid combine(double[][] values, int maxRows, int maxColumns, String how,
            ToDoubleFunction<double[]> combiner) {
        int rows = values.length;
        int columns = rows == 0 ? 0 : values[0].length;
        int rowsPerCell = Math.max(1, ceilDiv(rows, maxRows));
        int columnsPerCell = Math.max(1, ceilDiv(columns, maxColumns));
        if (rowsPerCell == 1 && columnsPerCell == 1) {
            return new ReducedGrid(values, 1, 1, rows, columns, how);
        }
        int cellRows = ceilDiv(rows, rowsPerCell);
        int cellColumns = ceilDiv(columns, columnsPerCell);
        double[][] cells = new double[cellRows][cellColumns];
        for (int cellRow = 0; cellRow < cellRows; cellRow++) {
            for (int cellColumn = 0; cellColumn < cellColumns; cellColumn++) {
                int rowStart = cellRow * rowsPerCell;
                int columnStart = cellColumn * columnsPerCell;
                int rowEnd = Math.min(rows, rowStart + rowsPerCell);
                int columnEnd = Math.min(columns, columnStart + columnsPerCell);
                double[] block = new double[(rowEnd - rowStart) * (columnEnd - columnStart)];
                int next = 0;
                for (int row = rowStart; row < rowEnd; row++) {
                    for (int column = columnStart; column < columnEnd; column++) {
                        block[next++] = values[row][column];
                    }
                }
                cells[cellRow][cellColumn] = combiner.applyAsDouble(block);
            }
        }
        return new ReducedGrid(cells, rowsPerCell, columnsPerCell, rows, columns, how);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
