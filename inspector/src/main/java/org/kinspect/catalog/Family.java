package org.kinspect.catalog;

/** The families of Keras classes, in the order and with the headings of the README's layer coverage table. */
public enum Family {
    CORE("Core", ""),
    ACTIVATION_LAYERS("Activation layers", ""),
    CONVOLUTION("Convolution", ""),
    POOLING("Pooling", ""),
    RECURRENT("Recurrent", ""),
    ATTENTION("Attention", ""),
    NORMALIZATION("Normalisation", ""),
    REGULARIZATION("Regularisation", "(pass their input on when predicting)"),
    RESHAPING("Reshaping", ""),
    MERGING("Merging", ""),
    PREPROCESSING("Preprocessing", ""),
    STRUCTURE("Structure", ""),
    OPERATIONS("Keras 3 operations", "(`x + 1`, `ops.mean(x, axis=1)`... in a functional model)"),
    KERAS_1_AND_2("Keras 1 and 2 only", "");

    private final String heading;
    private final String note;

    Family(String heading, String note) {
        this.heading = heading;
        this.note = note;
    }

    /** @return the heading of the family's rows in the README table */
    public String heading() {
        return heading;
    }

    /** @return what the heading adds in plain text, or "" */
    public String note() {
        return note;
    }
}
