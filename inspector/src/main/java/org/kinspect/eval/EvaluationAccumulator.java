package org.kinspect.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores a classifier's probabilities against labels a batch at a time, in memory that does not
 * grow with the number of examples: the confusion counts, calibration bins and the comparison with
 * reference predictions are all running sums. The model is not involved, so any source of
 * probabilities can be scored.
 *
 * <pre>{@code
 * EvaluationAccumulator scores = new EvaluationAccumulator(OutputKind.MULTI_CLASS, 3, 0.5, "y.npy");
 * scores.add(probabilities, labels, null);   // (n, 3) softmax rows; (n,) class indices
 * Evaluation evaluation = scores.result();
 * }</pre>
 *
 * <p>Parts of a data set can be scored apart (the accumulator is serialisable) and merged with
 * {@link #merge}: counts, the disagreements listed and the largest difference exactly, the
 * calibration sums up to rounding. {@link #add(INDArray, INDArray, INDArray, long[])} names each
 * example by its index in the whole data set.
 */
public final class EvaluationAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;
    private final OutputKind kind;
    private final int classes;
    private final double threshold;
    private final String labelSource;
    private final List<ConfusionMatrix> matrices = new ArrayList<>();
    private final CalibrationAccumulator calibration = new CalibrationAccumulator();
    private LabelFormat format;
    private long examples;
    private long exactlyRight;
    private long rightDecisions;

    private long compared;
    private long agreeing;
    private double maxDifference = -1;
    private long maxDifferenceExample = -1;
    private int maxDifferenceClass = -1;
    private final List<Long> disagreements = new ArrayList<>();

    /**
     * @param kind what the probabilities are
     * @param classes how many classes (2 for a binary model) or labels
     * @param threshold the probability from which a sigmoid output counts as predicted
     * @param labelSource where the labels come from, for messages
     */
    public EvaluationAccumulator(OutputKind kind, int classes, double threshold, String labelSource) {
        this.kind = kind;
        this.classes = classes;
        this.threshold = threshold;
        this.labelSource = labelSource;
        int count = kind == OutputKind.MULTI_LABEL ? classes : 1;
        for (int matrix = 0; matrix < count; matrix++) {
            matrices.add(new ConfusionMatrix(kind == OutputKind.MULTI_LABEL ? 2 : classes));
        }
    }

    /**
     * Scores the next batch; its examples are numbered on from the ones added before.
     *
     * @param probabilities the model's output, one row per example: {@code (n, 1)} for a binary
     *     model, {@code (n, classes)} otherwise
     * @param labels the true labels in any {@link LabelFormat}
     * @param reference saved predictions of the same shape as {@code probabilities}, or null
     * @throws KinspectException when the labels are not labels of this model, or the reference
     *     has another shape
     */
    public void add(INDArray probabilities, INDArray labels, INDArray reference) {
        add(probabilities, labels, reference, null);
    }

    /**
     * Scores a batch whose examples have the given indices in the whole data set (the indices the
     * disagreements and the largest difference name).
     *
     * @param probabilities as for {@link #add(INDArray, INDArray, INDArray)}
     * @param labels as there
     * @param reference as there
     * @param exampleIndices one index per example, or null to number them on from the examples before
     * @throws KinspectException as there
     */
    public void add(INDArray probabilities, INDArray labels, INDArray reference, long[] exampleIndices) {
        int n = (int) probabilities.size(0);
        long[] indices = exampleIndices;
        if (indices == null) {
            indices = new long[n];
            for (int example = 0; example < n; example++) indices[example] = examples + example;
        } else if (indices.length != n) {
            throw new IllegalArgumentException(indices.length + " example indices for a batch of " + n);
        }
        int width = kind == OutputKind.BINARY ? 1 : classes;
        double[][] ours = rows(probabilities, n, width, "the model's output");
        if (format == null) {
            format = LabelFormat.of(labels.shape(), kind, classes, labelSource);
        }
        if (kind == OutputKind.MULTI_LABEL) {
            addMultiLabel(ours, format.multiHot(labels, indices.length == 0 ? 0 : indices[0], labelSource));
        } else {
            addSingleLabel(ours, format.classes(labels, indices.length == 0 ? 0 : indices[0], classes, labelSource));
        }
        if (reference != null) {
            compare(ours, rows(reference, n, width, "the reference"), indices);
        }
        examples += n;
    }

    private void addSingleLabel(double[][] probabilities, int[] truth) {
        for (int example = 0; example < truth.length; example++) {
            double[] p = probabilities[example];
            int predicted = predictedClass(p);
            matrices.get(0).add(truth[example], predicted);
            if (predicted == truth[example]) exactlyRight++;
            if (kind == OutputKind.BINARY) {
                boolean positive = truth[example] == 1;
                calibration.addBinned(p[0], positive);
                double error = p[0] - (positive ? 1 : 0);
                calibration.addScore(error * error, positive ? p[0] : 1 - p[0]);
            } else {
                calibration.addBinned(p[predicted], predicted == truth[example]);
                double squares = 0;
                for (int k = 0; k < classes; k++) {
                    double error = p[k] - (k == truth[example] ? 1 : 0);
                    squares += error * error;
                }
                calibration.addScore(squares, p[truth[example]]);
            }
        }
    }

    private void addMultiLabel(double[][] probabilities, boolean[][] truth) {
        for (int example = 0; example < truth.length; example++) {
            boolean allRight = true;
            double squares = 0;
            double logLikelihood = 0;
            for (int label = 0; label < classes; label++) {
                double p = probabilities[example][label];
                boolean set = truth[example][label];
                boolean predicted = p >= threshold;
                matrices.get(label).add(set ? 1 : 0, predicted ? 1 : 0);
                if (predicted == set) rightDecisions++; else allRight = false;
                calibration.addBinned(p, set);
                squares += (p - (set ? 1 : 0)) * (p - (set ? 1 : 0));
                logLikelihood += Math.log(Math.min(1 - 1e-15, Math.max(1e-15, set ? p : 1 - p)));
            }
            if (allRight) exactlyRight++;
            // The mean over labels, as one score per example: exp of the mean log-likelihood.
            calibration.addScore(squares / classes, Math.exp(logLikelihood / classes));
        }
    }

    private int predictedClass(double[] p) {
        if (kind == OutputKind.BINARY) {
            return p[0] >= threshold ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) best = k;  // the first of equal maxima, as numpy's argmax
        }
        return best;
    }

    private void compare(double[][] ours, double[][] theirs, long[] indices) {
        for (int example = 0; example < ours.length; example++) {
            boolean agree = true;
            if (kind == OutputKind.MULTI_LABEL) {
                for (int label = 0; label < classes; label++) {
                    agree &= (ours[example][label] >= threshold) == (theirs[example][label] >= threshold);
                }
            } else {
                agree = predictedClass(ours[example]) == predictedClass(theirs[example]);
            }
            for (int k = 0; k < ours[example].length; k++) {
                double difference = Math.abs(ours[example][k] - theirs[example][k]);
                noteDifference(Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference, indices[example], k);
            }
            compared++;
            if (agree) {
                agreeing++;
            } else {
                noteDisagreement(indices[example]);
            }
        }
    }

    /** Keeps the largest difference; of equal ones the earliest example's (and its first class). */
    private void noteDifference(double difference, long example, int k) {
        if (difference > maxDifference || difference == maxDifference
                && (example < maxDifferenceExample || example == maxDifferenceExample && k < maxDifferenceClass)) {
            maxDifference = difference;
            maxDifferenceExample = example;
            maxDifferenceClass = k;
        }
    }

    /** Keeps the earliest {@link ReferenceAgreement#LISTED} disagreeing examples, whatever order they come in. */
    private void noteDisagreement(long example) {
        if (disagreements.size() < ReferenceAgreement.LISTED) {
            disagreements.add(example);
            return;
        }
        int latest = 0;
        for (int slot = 1; slot < disagreements.size(); slot++) {
            if (disagreements.get(slot) > disagreements.get(latest)) latest = slot;
        }
        if (example < disagreements.get(latest)) {
            disagreements.set(latest, example);
        }
    }

    /**
     * Adds another part of the data set: afterwards this accumulator holds what one pass over both
     * parts' examples would (counts exactly; the calibration sums up to rounding).
     *
     * @param other an accumulator of the same kind and classes over other examples
     * @return this accumulator
     * @throws IllegalArgumentException when the other scores another kind or number of classes
     * @throws KinspectException when the parts' labels are written in different formats
     */
    public EvaluationAccumulator merge(EvaluationAccumulator other) {
        if (other.kind != kind || other.classes != classes || other.threshold != threshold) {
            throw new IllegalArgumentException("cannot merge " + other.kind + " scores of " + other.classes
                    + " classes into " + kind + " scores of " + classes);
        }
        if (format != null && other.format != null && format != other.format) {
            throw KinspectException.input(labelSource + ": some labels are " + format + " and some " + other.format
                    + "; write every label the same way");
        }
        if (format == null) {
            format = other.format;
        }
        for (int matrix = 0; matrix < matrices.size(); matrix++) {
            matrices.get(matrix).merge(other.matrices.get(matrix));
        }
        calibration.merge(other.calibration);
        examples += other.examples;
        exactlyRight += other.exactlyRight;
        rightDecisions += other.rightDecisions;
        compared += other.compared;
        agreeing += other.agreeing;
        if (other.maxDifferenceExample >= 0) {
            noteDifference(other.maxDifference, other.maxDifferenceExample, other.maxDifferenceClass);
        }
        other.disagreements.forEach(this::noteDisagreement);
        return this;
    }

    private double[][] rows(INDArray values, int n, int width, String what) {
        if (values.size(0) != n || values.length() != (long) n * width) {
            throw KinspectException.input(what + " has shape " + Arrays.toString(values.shape())
                    + " where (" + n + ", " + width + ") was expected: one row of " + width
                    + (width == 1 ? " probability" : " probabilities") + " per example");
        }
        double[] flat = values.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] rows = new double[n][width];
        for (int example = 0; example < n; example++) {
            System.arraycopy(flat, example * width, rows[example], 0, width);
        }
        return rows;
    }

    /** @return the scores so far */
    public Evaluation result() {
        List<long[][]> confusion = new ArrayList<>();
        List<ClassScores> perClass = new ArrayList<>();
        if (kind == OutputKind.MULTI_LABEL) {
            for (int label = 0; label < classes; label++) {
                ConfusionMatrix matrix = matrices.get(label);
                confusion.add(matrix.counts());
                ClassScores present = matrix.perClass().get(1);
                perClass.add(new ClassScores(label, present.precision(), present.recall(), present.f1(),
                        present.support(), present.predicted()));
            }
        } else {
            confusion.add(matrices.get(0).counts());
            perClass.addAll(matrices.get(0).perClass());
        }
        double accuracy = examples == 0 ? Double.NaN : (double) exactlyRight / examples;
        double labelAccuracy = kind == OutputKind.MULTI_LABEL && examples > 0
                ? (double) rightDecisions / (examples * classes) : Double.NaN;
        List<Long> listed = new ArrayList<>(disagreements);
        listed.sort(null);
        ReferenceAgreement reference = compared == 0 ? null : new ReferenceAgreement(compared, agreeing,
                maxDifference, maxDifferenceExample, maxDifferenceClass, listed);
        return new Evaluation(kind, classes, examples, threshold, confusion, perClass, accuracy, labelAccuracy,
                calibration.result(), reference);
    }

    /** @return how many examples were scored */
    public long examples() {
        return examples;
    }
}
