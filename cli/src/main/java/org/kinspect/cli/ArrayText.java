package org.kinspect.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array's numbers as NumPy prints them: nested brackets, one row per line, all numbers in one
 * format and width, and summarised like NumPy's {@code threshold=1000, edgeitems=3}: an array of
 * more than {@link #THRESHOLD} numbers shows the first and last {@link #EDGE_ITEMS} items of each
 * long axis with {@code ...} between.
 *
 * <pre>{@code
 * ArrayText.of(Nd4j.createFromArray(new float[][] {{1, 2.5f}, {-3, 0}}));
 * // [[ 1.0,  2.5],
 * //  [-3.0,  0.0]]
 * }</pre>
 */
final class ArrayText {
    /** NumPy's default: arrays with more numbers than this are summarised. */
    static final int THRESHOLD = 1000;
    /** NumPy's default: items shown at each end of a summarised axis. */
    static final int EDGE_ITEMS = 3;
    /** Digits after the point at most (NumPy's default is 8; 4 is what a person reads). */
    static final int PRECISION = 4;
    /** NumPy's default line width. */
    static final int LINE_WIDTH = 75;
    private static final String ELLIPSIS = "...";

    private final INDArray array;
    private final boolean summarised;
    private final NumberFormat format;

    private ArrayText(INDArray array) {
        this.array = array;
        this.summarised = array.length() > THRESHOLD;
        this.format = NumberFormat.of(shownValues());
    }

    /**
     * @param array any array, in the layout it should be shown in
     * @return its numbers as NumPy would print them with {@code np.set_printoptions(precision=4)}
     */
    static String of(INDArray array) {
        return new ArrayText(array).text();
    }

    private String text() {
        if (array.rank() == 0) {
            return format.format(array.getDouble(0));
        }
        StringBuilder text = new StringBuilder();
        block(text, new long[array.rank()], 0, 1);
        return text.toString();
    }

    /** Writes the sub-array at the axis {@code axis} of {@code index}, its bracket at column {@code column}. */
    private void block(StringBuilder text, long[] index, int axis, int column) {
        text.append('[');
        List<Long> positions = positions(array.size(axis));
        int rank = array.rank();
        if (axis == rank - 1) {
            int lineStart = text.lastIndexOf("\n") + 1;
            for (int i = 0; i < positions.size(); i++) {
                String item = positions.get(i) < 0 ? ELLIPSIS : format.format(array.getDouble(at(index, axis, positions.get(i))));
                String separator = i == 0 ? "" : ", ";
                if (i > 0 && text.length() - lineStart + separator.length() + item.length() + 1 > LINE_WIDTH) {
                    text.append(",\n").append(" ".repeat(column));
                    lineStart = text.length() - column;
                    separator = "";
                }
                text.append(separator).append(item);
            }
        } else {
            for (int i = 0; i < positions.size(); i++) {
                if (i > 0) {
                    // NumPy: one line break between rows, one more for each axis above them
                    text.append(',').append("\n".repeat(rank - axis - 1)).append(" ".repeat(column));
                }
                if (positions.get(i) < 0) {
                    text.append(ELLIPSIS);
                } else {
                    block(text, at(index, axis, positions.get(i)), axis + 1, column + 1);
                }
            }
        }
        text.append(']');
    }

    private static long[] at(long[] index, int axis, long position) {
        long[] next = index.clone();
        next[axis] = position;
        return next;
    }

    /** @return the positions shown along an axis of this size, -1 standing for "..." */
    private List<Long> positions(long size) {
        List<Long> positions = new ArrayList<>();
        if (summarised && size > 2L * EDGE_ITEMS) {
            for (long i = 0; i < EDGE_ITEMS; i++) positions.add(i);
            positions.add(-1L);
            for (long i = size - EDGE_ITEMS; i < size; i++) positions.add(i);
        } else {
            for (long i = 0; i < size; i++) positions.add(i);
        }
        return positions;
    }

    /** @return every value that will be printed, for choosing one format for them all */
    private List<Double> shownValues() {
        List<Double> values = new ArrayList<>();
        if (array.rank() == 0) {
            values.add(array.getDouble(0));
            return values;
        }
        collect(values, new long[array.rank()], 0);
        return values;
    }

    private void collect(List<Double> values, long[] index, int axis) {
        for (long position : positions(array.size(axis))) {
            if (position < 0) {
                continue;
            }
            long[] next = at(index, axis, position);
            if (axis == array.rank() - 1) {
                values.add(array.getDouble(next));
            } else {
                collect(values, next, axis + 1);
            }
        }
    }

    /**
     * One format for all of an array's numbers, as NumPy chooses it: fixed-point unless the
     * numbers span too many orders of magnitude, then scientific with as many mantissa decimals as
     * the numbers need (at most {@link #PRECISION}). Fixed-point numbers each keep the decimals they
     * need ({@code 0.}, {@code 0.125}), padded on the right to line up their points, as NumPy does.
     */
    private record NumberFormat(boolean scientific, int decimals, int integerWidth, int fractionWidth) {

        static NumberFormat of(List<Double> values) {
            double largest = 0;
            double smallest = Double.MAX_VALUE;
            for (double value : values) {
                if (Double.isFinite(value) && value != 0) {
                    largest = Math.max(largest, Math.abs(value));
                    smallest = Math.min(smallest, Math.abs(value));
                }
            }
            // NumPy's rule: scientific when the largest is >= 1e8, or the smallest non-zero < 1e-4
            // or 1e3 times smaller than the largest
            boolean scientific = largest >= 1e8 || largest > 0 && (smallest < 1e-4 || largest / smallest > 1e3);
            int decimals = 0;
            for (double value : values) {
                if (Double.isFinite(value)) {
                    decimals = Math.max(decimals, neededDecimals(scientific ? mantissa(value) : value));
                }
            }
            NumberFormat unpadded = new NumberFormat(scientific, decimals, 0, 0);
            int integerWidth = 0;
            int fractionWidth = 0;
            int notFiniteWidth = 0;
            for (double value : values) {
                String text = unpadded.format(value);
                if (!Double.isFinite(value)) {
                    notFiniteWidth = Math.max(notFiniteWidth, text.length());
                    continue;
                }
                int point = scientific ? text.length() : pointOf(text);
                integerWidth = Math.max(integerWidth, point);
                fractionWidth = Math.max(fractionWidth, text.length() - point);
            }
            // nan and inf are right-aligned to the numbers' width, which grows to hold them
            integerWidth = Math.max(integerWidth, notFiniteWidth - fractionWidth);
            return new NumberFormat(scientific, decimals, integerWidth, fractionWidth);
        }

        private static int pointOf(String text) {
            int point = text.indexOf('.');
            return point < 0 ? text.length() : point;
        }

        private static double mantissa(double value) {
            if (value == 0) {
                return 0;
            }
            // as %e rounds it, so that 9.99995 (shown 1.0000e+01) needs no decimals
            String scientific = String.format(Locale.ROOT, "%." + PRECISION + "e", value);
            return Double.parseDouble(scientific.substring(0, scientific.indexOf('e')));
        }

        /** @return the decimals (up to PRECISION) that show the value with no trailing zeros */
        private static int neededDecimals(double value) {
            String fixed = String.format(Locale.ROOT, "%." + PRECISION + "f", value);
            int end = fixed.length();
            while (end > 0 && fixed.charAt(end - 1) == '0') {
                end--;
            }
            int point = fixed.indexOf('.');
            return Math.max(0, end - point - 1);
        }

        String format(double value) {
            String text;
            if (Double.isNaN(value)) {
                text = "nan";
            } else if (Double.isInfinite(value)) {
                text = value > 0 ? "inf" : "-inf";
            } else if (scientific) {
                text = String.format(Locale.ROOT, "%." + decimals + "e", value + 0.0);
                text = decimals == 0 ? text.replace("e", ".e") : text; // NumPy's 1.e+00
            } else {
                text = String.format(Locale.ROOT, "%." + neededDecimals(value) + "f", value + 0.0);
                text = text.contains(".") ? text : text + ".";
            }
            if (!Double.isFinite(value)) {
                return " ".repeat(Math.max(0, integerWidth + fractionWidth - text.length())) + text;
            }
            int point = scientific ? text.length() : pointOf(text);
            return " ".repeat(Math.max(0, integerWidth - point)) + text
                    + " ".repeat(Math.max(0, fractionWidth - (text.length() - point)));
        }
    }
}
