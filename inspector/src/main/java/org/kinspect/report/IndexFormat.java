package org.kinspect.report;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Tick labels for an axis of indices: whole numbers from 0, and nothing for the margin an axis
 * may show before index 0.
 */
final class IndexFormat extends NumberFormat {
    static final IndexFormat INSTANCE = new IndexFormat();

    private IndexFormat() {}

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition position) {
        return number < 0 ? toAppendTo : toAppendTo.append(Math.round(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition position) {
        return number < 0 ? toAppendTo : toAppendTo.append(number);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("tick labels are only formatted");
    }
}
