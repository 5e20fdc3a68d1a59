package org.kinspect.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with a header, a rule under it, and columns padded to line up: text to the
 * left, numbers to the right. Two spaces between columns, no trailing spaces.
 *
 * <pre>{@code
 * TextTable table = new TextTable().left("layer").right("parameters");
 * table.row("dense_1", "51");
 * table.print(out);
 * // layer    parameters
 * // -------  ----------
 * // dense_1          51
 * }</pre>
 */
final class TextTable {
    private static final String GAP = "  ";

    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a column of text, aligned left. */
    TextTable left(String header) {
        return column(header, false);
    }

    /** Adds a column of numbers, aligned right. */
    TextTable right(String header) {
        return column(header, true);
    }

    private TextTable column(String header, boolean right) {
        headers.add(header);
        rightAligned.add(right);
        return this;
    }

    /** Adds a row: one cell per column, in column order. */
    void row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(cells.clone());
    }

    /** Prints the header, a rule of dashes, and every row. */
    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (String[] row : rows) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        out.println(line(headers.toArray(String[]::new), widths));
        String[] rules = new String[widths.length];
        for (int column = 0; column < widths.length; column++) {
            rules[column] = "-".repeat(widths[column]);
        }
        out.println(line(rules, widths));
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
    }

    private String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.length; column++) {
            String padding = " ".repeat(widths[column] - cells[column].length());
            if (column > 0) line.append(GAP);
            line.append(rightAligned.get(column) ? padding + cells[column] : cells[column] + padding);
        }
        return line.toString().stripTrailing();
    }
}
