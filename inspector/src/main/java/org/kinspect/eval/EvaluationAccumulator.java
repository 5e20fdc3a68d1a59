package org.kinspect.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kinspect.KinspectException;
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
 */
public final class EvaluationAccumulator {
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
        int n = (int) probabilities.size(0);
        int width = kind == OutputKind.BINARY ? 1 : classes;
        double[][] ours = rows(probabilities, n, width, "the model's output");
        if (format == null) {
            format = LabelFormat.of(labels.shape(), kind, classes, labelSource);
        }
        if (kind == OutputKind.MULTI_LABEL) {
            addMultiLabel(ours, format.multiHot(labels, examples, labelSource));
        } else {
            addSingleLabel(ours, format.classes(labels, examples, classes, labelSource));
        }
        if (reference != null) {
            compare(ours, rows(reference, n, width, "the reference"));
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

    private void compare(double[][] ours, double[][] theirs) {
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
                if (difference > maxDifference || Double.isNaN(difference)) {
                    maxDifference = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference;
                    maxDifferenceExample = examples + example;
                    maxDifferenceClass = k;
                }
            }
            compared++;
            if (agree) {
                agreeing++;
            } else if (disagreements.size() < ReferenceAgreement.LISTED) {
                disagreements.add(examples + example);
            }
        }
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
        ReferenceAgreement reference = compared == 0 ? null : new ReferenceAgreement(compared, agreeing,
                maxDifference, maxDifferenceExample, maxDifferenceClass, disagreements);
        return new Evaluation(kind, classes, examples, threshold, confusion, perClass, accuracy, labelAccuracy,
                calibration.result(), reference);
    }

    /** @return how many examples were scored */
    public long examples() {
        return examples;
    }
}
