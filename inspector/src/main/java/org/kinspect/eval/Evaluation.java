package org.kinspect.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a classifier did on a labelled data set: what {@link Evaluator} returns.
 *
 * <pre>{@code
 * Evaluation evaluation = Evaluator.of(model).evaluate(batches);
 * System.out.printf("accuracy %.3f, macro F1 %.3f%n", evaluation.accuracy(), evaluation.macroF1());
 * long[][] confusion = evaluation.confusion();   // rows = true class, columns = predicted
 * }</pre>
 *
 * @param kind what the model outputs
 * @param classes how many classes (2 for a binary model) or, for a multi-label model, labels
 * @param examples how many examples were scored
 * @param threshold the probability from which a sigmoid output counts as predicted (binary and
 *     multi-label); multi-class predictions are the most probable class
 * @param confusion the confusion matrix, rows = true class, columns = predicted; for a multi-label
 *     model one 2x2 matrix per label (rows: label absent, present; columns: predicted absent,
 *     present), one after the other
 * @param perClass each class's (or label's) precision, recall, F1 and support
 * @param accuracy the fraction of examples predicted right; for a multi-label model, with every
 *     label right (subset accuracy)
 * @param labelAccuracy for a multi-label model, the fraction of single label decisions that are
 *     right; NaN for the others
 * @param calibration how well the probabilities match the outcomes
 * @param reference the comparison with saved predictions, or null when none was given
 */
public record Evaluation(OutputKind kind, int classes, long examples, double threshold, List<long[][]> confusion,
        List<ClassScores> perClass, double accuracy, double labelAccuracy, Calibration calibration,
        ReferenceAgreement reference) {

    /** Copies the lists (and the matrices in them) so the record stays immutable. */
    public Evaluation {
        List<long[][]> copies = new ArrayList<>();
        for (long[][] matrix : confusion) {
            copies.add(ConfusionMatrix.of(matrix).counts());
        }
        confusion = List.copyOf(copies);
        perClass = List.copyOf(perClass);
    }

    @Override
    public List<long[][]> confusion() {
        List<long[][]> copies = new ArrayList<>();
        confusion.forEach(matrix -> copies.add(ConfusionMatrix.of(matrix).counts()));
        return copies;
    }

    /** @return the confusion matrix of a binary or multi-class model: rows = true class, columns = predicted */
    public long[][] confusionMatrix() {
        return ConfusionMatrix.of(confusion.get(0)).counts();
    }

    /**
     * @param matrix a matrix of {@link #confusion()}
     * @return its rows each divided by their sum (NaN rows for a class without examples)
     */
    public double[][] rowFractions(int matrix) {
        return ConfusionMatrix.of(confusion.get(matrix)).rowFractions();
    }

    /** @return the unweighted mean of the classes' F1 */
    public double macroF1() {
        return perClass.stream().mapToDouble(ClassScores::f1).average().orElse(Double.NaN);
    }

    /** @return the classes' F1 weighted by their support */
    public double weightedF1() {
        long support = perClass.stream().mapToLong(ClassScores::support).sum();
        if (support == 0) {
            return Double.NaN;
        }
        return perClass.stream().mapToDouble(scores -> scores.f1() * scores.support()).sum() / support;
    }
}
