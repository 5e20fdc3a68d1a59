package org.kinspect.eval;

import java.util.Arrays;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a labels file writes its labels, told from its shape: class indices ({@code (N,)} or
 * {@code (N, 1)}), one-hot rows ({@code (N, K)}) or, for a multi-label model, 0/1 rows
 * ({@code (N, K)}). Decodes a batch of rows and refuses, naming the example, any value that is not
 * a label.
 *
 * <pre>{@code
 * LabelFormat format = LabelFormat.of(new long[] {300}, OutputKind.MULTI_CLASS, 3, "y.npy");
 * int[] classes = format.classes(labelRows, 0);
 * }</pre>
 */
enum LabelFormat {
    /** One class index per example. */
    INDEX,
    /** One row per example with a single 1 at the class. */
    ONE_HOT,
    /** One row per example with a 0 or 1 per label. */
    MULTI_HOT;

    /**
     * @param shape the labels' shape, examples first
     * @param kind what the model outputs
     * @param classes how many classes (2 for a binary model) or labels
     * @param source the labels file, for messages
     * @return the format
     * @throws KinspectException when the shape fits none
     */
    static LabelFormat of(long[] shape, OutputKind kind, int classes, String source) {
        boolean indices = shape.length == 1 || shape.length == 2 && shape[1] == 1;
        boolean rows = shape.length == 2 && shape[1] == classes;
        if (kind == OutputKind.MULTI_LABEL) {
            if (rows) {
                return MULTI_HOT;
            }
            throw KinspectException.input(source + ": shape " + tuple(shape) + " is not one row of " + classes
                    + " 0/1 labels per example, as the model's " + classes + " sigmoid outputs need; give (N, "
                    + classes + ")");
        }
        if (indices) {
            return INDEX;
        }
        if (rows) {
            return ONE_HOT;
        }
        throw KinspectException.input(source + ": shape " + tuple(shape) + " is neither class indices (N,) nor one-hot"
                + " rows (N, " + classes + ") for the model's " + classes + " classes"
                + (kind == OutputKind.BINARY ? " (a single sigmoid: classes 0 and 1)" : ""));
    }

    /**
     * @param labels a batch of label rows in this format
     * @param firstExample the index of its first example, for messages
     * @param classes how many classes
     * @param source the labels file, for messages
     * @return each example's class
     * @throws KinspectException when a value is not a class
     */
    int[] classes(INDArray labels, long firstExample, int classes, String source) {
        int examples = (int) labels.size(0);
        double[] values = labels.castTo(DataType.DOUBLE).reshape(examples, labels.length() / Math.max(1, examples))
                .dup('c').data().asDouble();
        int[] found = new int[examples];
        if (this == INDEX) {
            for (int example = 0; example < examples; example++) {
                double value = values[example];
                if (value != Math.rint(value) || value < 0 || value >= classes) {
                    throw KinspectException.input(source + ": label " + value + " of example " + (firstExample + example)
                            + " is not a class index (0 to " + (classes - 1) + ")");
                }
                found[example] = (int) value;
            }
            return found;
        }
        for (int example = 0; example < examples; example++) {
            int hot = -1;
            for (int k = 0; k < classes; k++) {
                double value = values[example * classes + k];
                if (value == 1 && hot < 0) {
                    hot = k;
                } else if (value != 0) {
                    throw KinspectException.input(source + ": row " + (firstExample + example) + " is not one-hot (a"
                            + " single 1, the rest 0): " + Arrays.toString(Arrays.copyOfRange(values, example * classes,
                            (example + 1) * classes)) + "; give class indices or one-hot rows, e.g. y.argmax(-1)");
                }
            }
            if (hot < 0) {
                throw KinspectException.input(source + ": row " + (firstExample + example) + " has no 1: it names no class");
            }
            found[example] = hot;
        }
        return found;
    }

    /**
     * @param labels a batch of 0/1 rows
     * @param firstExample the index of its first example, for messages
     * @param source the labels file, for messages
     * @return each example's labels
     * @throws KinspectException when a value is neither 0 nor 1
     */
    boolean[][] multiHot(INDArray labels, long firstExample, String source) {
        int examples = (int) labels.size(0);
        int width = (int) labels.size(1);
        double[] values = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        boolean[][] set = new boolean[examples][width];
        for (int example = 0; example < examples; example++) {
            for (int label = 0; label < width; label++) {
                double value = values[example * width + label];
                if (value != 0 && value != 1) {
                    throw KinspectException.input(source + ": label " + label + " of example " + (firstExample + example)
                            + " is " + value + ", not 0 or 1");
                }
                set[example][label] = value == 1;
            }
        }
        return set;
    }

    /**
     * The labels' shape with N for the examples: the shape checked is a batch's, whose first size is
     * the batch size, not the file's number of examples, and would mislead.
     */
    private static String tuple(long[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(i == 0 ? "N" : Long.toString(shape[i]));
        }
        return text.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
