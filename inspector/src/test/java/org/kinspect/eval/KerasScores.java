package org.kinspect.eval;

import java.nio.file.Path;
import org.kinspect.array.NpyFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The scores of Keras's own predictions ({@code *_keras_pred.npy}) against the true labels, computed
 * here straight from the definitions, example by example, without any of the code under test.
 */
final class KerasScores {
    final int classes;
    final long[][] confusion;          // single-label: classes x classes
    final long[][][] labelConfusion;   // multi-label: per label 2 x 2
    final double[] precision;
    final double[] recall;
    final double[] f1;
    final long[] support;
    final double accuracy;
    final double macroF1;
    final double weightedF1;
    final double brier;

    private KerasScores(int classes, long[][] confusion, long[][][] labelConfusion, double accuracy, double brier) {
        this.classes = classes;
        this.confusion = confusion;
        this.labelConfusion = labelConfusion;
        this.accuracy = accuracy;
        this.brier = brier;
        precision = new double[classes];
        recall = new double[classes];
        f1 = new double[classes];
        support = new long[classes];
        double f1Sum = 0;
        double weighted = 0;
        long total = 0;
        for (int k = 0; k < classes; k++) {
            long tp;
            long fp;
            long fn;
            if (labelConfusion != null) {
                tp = labelConfusion[k][1][1];
                fp = labelConfusion[k][0][1];
                fn = labelConfusion[k][1][0];
            } else {
                tp = confusion[k][k];
                fp = 0;
                fn = 0;
                for (int other = 0; other < classes; other++) {
                    if (other != k) {
                        fp += confusion[other][k];
                        fn += confusion[k][other];
                    }
                }
            }
            support[k] = tp + fn;
            precision[k] = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
            recall[k] = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
            f1[k] = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            f1Sum += f1[k];
            weighted += f1[k] * support[k];
            total += support[k];
        }
        macroF1 = f1Sum / classes;
        weightedF1 = weighted / total;
    }

    /** Softmax (argmax) or one sigmoid (p >= threshold means class 1) against class indices. */
    static KerasScores singleLabel(Path predictions, Path labels, double threshold) {
        double[][] p = matrix(NpyFile.read(predictions));
        double[] y = NpyFile.read(labels).castTo(DataType.DOUBLE).data().asDouble();
        boolean binary = p[0].length == 1;
        int classes = binary ? 2 : p[0].length;
        long[][] confusion = new long[classes][classes];
        long right = 0;
        double brier = 0;
        for (int i = 0; i < p.length; i++) {
            int truth = (int) y[i];
            int predicted;
            if (binary) {
                predicted = p[i][0] >= threshold ? 1 : 0;
                brier += Math.pow(p[i][0] - truth, 2);
            } else {
                predicted = 0;
                for (int k = 1; k < classes; k++) {
                    if (p[i][k] > p[i][predicted]) predicted = k;
                }
                for (int k = 0; k < classes; k++) {
                    brier += Math.pow(p[i][k] - (k == truth ? 1 : 0), 2);
                }
            }
            confusion[truth][predicted]++;
            if (truth == predicted) right++;
        }
        return new KerasScores(classes, confusion, null, right / (double) p.length, brier / p.length);
    }

    /** Several sigmoids against 0/1 rows. */
    static KerasScores multiLabel(Path predictions, Path labels, double threshold) {
        double[][] p = matrix(NpyFile.read(predictions));
        double[][] y = matrix(NpyFile.read(labels));
        int classes = p[0].length;
        long[][][] confusion = new long[classes][2][2];
        long allRight = 0;
        double brier = 0;
        for (int i = 0; i < p.length; i++) {
            boolean right = true;
            for (int k = 0; k < classes; k++) {
                int truth = (int) y[i][k];
                int predicted = p[i][k] >= threshold ? 1 : 0;
                confusion[k][truth][predicted]++;
                right &= truth == predicted;
                brier += Math.pow(p[i][k] - truth, 2) / classes;
            }
            if (right) allRight++;
        }
        return new KerasScores(classes, null, confusion, allRight / (double) p.length, brier / p.length);
    }

    private static double[][] matrix(INDArray array) {
        INDArray values = array.castTo(DataType.DOUBLE);
        if (values.rank() == 1) {
            values = values.reshape(values.length(), 1);
        }
        return values.toDoubleMatrix();
    }
}
