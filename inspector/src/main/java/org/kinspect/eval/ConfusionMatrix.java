package org.kinspect.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs, rows = true class, columns = predicted, and the
 * scores that follow from them.
 *
 * <pre>{@code
 * ConfusionMatrix confusion = new ConfusionMatrix(3);
 * confusion.add(0, 2);                       // a class-0 example predicted as class 2
 * double[][] rows = confusion.rowFractions(); // each row sums to 1
 * }</pre>
 */
public final class ConfusionMatrix implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[][] counts;

    /** @param classes how many classes */
    public ConfusionMatrix(int classes) {
        counts = new long[classes][classes];
    }

    /**
     * @param counts the counts, rows = true class, columns = predicted; copied
     * @return the matrix
     */
    public static ConfusionMatrix of(long[][] counts) {
        ConfusionMatrix matrix = new ConfusionMatrix(counts.length);
        for (int row = 0; row < counts.length; row++) {
            System.arraycopy(counts[row], 0, matrix.counts[row], 0, counts.length);
        }
        return matrix;
    }

    /**
     * @param trueClass the example's class
     * @param predictedClass what the model predicted
     */
    public void add(int trueClass, int predictedClass) {
        counts[trueClass][predictedClass]++;
    }

    /**
     * Adds another matrix's counts, as if its examples had been added here.
     *
     * @param other a matrix of as many classes
     * @throws IllegalArgumentException when it has another number of classes
     */
    public void merge(ConfusionMatrix other) {
        if (other.counts.length != counts.length) {
            throw new IllegalArgumentException("cannot merge " + other.counts.length + " classes into " + counts.length);
        }
        for (int row = 0; row < counts.length; row++) {
            for (int column = 0; column < counts.length; column++) {
                counts[row][column] += other.counts[row][column];
            }
        }
    }

    /** @return how many classes */
    public int classes() {
        return counts.length;
    }

    /** @return a copy of the counts, rows = true class, columns = predicted */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int row = 0; row < counts.length; row++) {
            copy[row] = counts[row].clone();
        }
        return copy;
    }

    /** @return how many examples were added */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) total += count;
        }
        return total;
    }

    /** @return each row divided by its sum, so it sums to 1; a class without examples gets a row of NaN */
    public double[][] rowFractions() {
        double[][] fractions = new double[counts.length][counts.length];
        for (int row = 0; row < counts.length; row++) {
            long support = support(row);
            for (int column = 0; column < counts.length; column++) {
                fractions[row][column] = support == 0 ? Double.NaN : (double) counts[row][column] / support;
            }
        }
        return fractions;
    }

    /** @return the fraction of examples predicted as their class (NaN when empty) */
    public double accuracy() {
        long correct = 0;
        for (int k = 0; k < counts.length; k++) correct += counts[k][k];
        long total = total();
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** @return every class's precision, recall, F1 and support */
    public List<ClassScores> perClass() {
        List<ClassScores> scores = new ArrayList<>(counts.length);
        for (int k = 0; k < counts.length; k++) {
            long predicted = 0;
            for (long[] row : counts) predicted += row[k];
            scores.add(ClassScores.of(k, counts[k][k], support(k), predicted));
        }
        return scores;
    }

    private long support(int trueClass) {
        long support = 0;
        for (long count : counts[trueClass]) support += count;
        return support;
    }
}
