package org.kinspect.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How numbers and shapes look in kinspect's tables: shapes as Python tuples (what a Keras user
 * reads every day), statistics with five significant digits, errors in scientific notation.
 * Always {@link Locale#ROOT}, so a German desktop does not print {@code 0,5}.
 *
 * <pre>{@code
 * Formats.shape(new long[] {25, 50});      // (25, 50)
 * Formats.statistic(0.123456789);          // 0.12346
 * Formats.error(1.9e-6);                   // 1.900e-06
 * }</pre>
 */
final class Formats {
    /** Shown where there is no number: a layer with no finite value, a comparison of mismatched shapes. */
    static final String NONE = "-";

    private Formats() {}

    /** @return {@code (25, 50)}; {@code (7,)} for one axis, as Python writes it */
    static String shape(long[] shape) {
        if (shape == null) {
            return NONE;
        }
        List<String> sizes = new ArrayList<>();
        for (long size : shape) {
            sizes.add(Long.toString(size));
        }
        return tuple(sizes);
    }

    /** @return a Keras declared shape, unknown sizes (null) as {@code None}: {@code (None, 20, 8)} */
    static String declaredShape(List<Long> shape) {
        List<String> sizes = new ArrayList<>();
        for (Long size : shape) {
            sizes.add(size == null ? "None" : size.toString());
        }
        return tuple(sizes);
    }

    private static String tuple(List<String> sizes) {
        return "(" + String.join(", ", sizes) + (sizes.size() == 1 ? ",)" : ")");
    }

    /** @return five significant digits, or {@link #NONE} when not finite */
    static String statistic(double value) {
        // + 0.0 turns -0.0 into 0.0: "-0.0000" says nothing a reader can use
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.5g", value + 0.0) : NONE;
    }

    /** @return e.g. {@code 1.907e-06}; {@code nan} when NaN values made the error unknowable */
    static String error(double value) {
        return Double.isNaN(value) ? "nan" : String.format(Locale.ROOT, "%.3e", value);
    }

    /** @return a fraction as a percentage with one decimal, e.g. {@code 37.5%} */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** @return a count with thousands separators, as Keras's summary writes it: {@code 2,651} */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** @return e.g. {@code 1 input file}, {@code 3 input files} */
    static String quantity(int count, String singular) {
        return count + " " + singular + (count == 1 ? "" : "s");
    }

    /**
     * @param inputs the arrays about to be run
     * @return what a progress line calls them, e.g. {@code a batch of 25}
     */
    static String batch(Collection<INDArray> inputs) {
        return inputs.stream().filter(input -> input.rank() > 0).findFirst()
                .map(input -> "a batch of " + input.size(0)).orElse("the inputs");
    }

    /**
     * @param value a double for JSON
     * @return the value, or null when not finite: JSON has no NaN or Infinity
     */
    static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
