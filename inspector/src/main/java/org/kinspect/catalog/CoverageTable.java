package org.kinspect.catalog;

import java.util.List;

/**
 * The README's layer coverage table, as {@link KerasClasses} holds it: one row a group of classes
 * that share a status and the fixtures that prove it, under the heading of their family.
 *
 * <pre>{@code
 * String markdown = KerasClasses.coverage().markdown(); // what README.md holds under "Layer coverage"
 * }</pre>
 *
 * @param rows the rows, section headings included, in order
 */
public record CoverageTable(List<Row> rows) {

    public CoverageTable {
        rows = List.copyOf(rows);
    }

    /**
     * One row of the table.
     *
     * @param label the first column: the classes (or operations) in words
     * @param status the second column, starting with the support word ({@code yes}, {@code partly}...)
     * @param provedBy the fixtures or corpus cases that check it, or ""
     * @param classes the catalogue classes the row covers, each with the support its status names
     */
    public record Row(String label, String status, String provedBy, List<String> classes) {

        public Row {
            classes = List.copyOf(classes);
        }

        static Row section(Family family) {
            String heading = "**" + family.heading() + "**" + (family.note().isEmpty() ? "" : " " + family.note());
            return new Row(heading, "", "", List.of());
        }

        /** @return true for a family's heading row */
        public boolean isSection() {
            return status.isEmpty();
        }

        /** @return the support its status starts with, or null for a heading */
        public Support support() {
            for (Support support : Support.values()) {
                if (status.startsWith(support.word())) {
                    return support;
                }
            }
            return null;
        }
    }

    /** @return the table in Markdown, as README.md holds it (header line first, no trailing newline) */
    public String markdown() {
        StringBuilder table = new StringBuilder("| Keras class | Status | Proved by |\n|---|---|---|");
        for (Row row : rows) {
            table.append("\n|");
            for (String cell : List.of(row.label(), row.status(), row.provedBy())) {
                table.append(cell.isEmpty() ? " |" : " " + cell + " |");
            }
        }
        return table.toString();
    }
}
