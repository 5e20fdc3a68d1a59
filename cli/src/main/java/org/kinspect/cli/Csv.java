package org.kinspect.cli;

import java.util.Locale;

/**
 * Cells of the CSV tables commands write: numbers with enough digits to read a float back exactly
 * (empty for NaN, as spreadsheets expect) and text quoted when it holds a comma or a quote.
 *
 * <pre>{@code
 * Csv.number(0.1f);        // 0.100000001
 * Csv.text("a, b");        // "a, b"
 * }</pre>
 */
final class Csv {

    private Csv() {}

    /** @return the number with nine significant digits, or empty when not finite */
    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.9g", value) : "";
    }

    /** @return the text, quoted (quotes doubled) when it holds a comma, a quote or a line break */
    static String text(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
