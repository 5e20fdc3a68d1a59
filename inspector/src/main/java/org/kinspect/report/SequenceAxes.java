package org.kinspect.report;

/**
 * What the two axes of a sequence are called for a given kind of layer: a recurrent layer has
 * units over time steps, a Conv1D channels over steps, a model input features over time steps.
 *
 * @param row what a row is, singular ("unit")
 * @param column what a column is, singular ("time step")
 */
record SequenceAxes(String row, String column) {
    static final SequenceAxes RECURRENT = new SequenceAxes("unit", "time step");
    static final SequenceAxes CONVOLUTION = new SequenceAxes("channel", "step");
    static final SequenceAxes INPUT = new SequenceAxes("feature", "time step");

    /** @return the row noun, plural */
    String rows() {
        return row + "s";
    }

    /** @return the column noun, plural */
    String columns() {
        return column + "s";
    }
}
