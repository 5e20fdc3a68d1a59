package org.kinspect.eval;

/**
 * How well one class (or, for a multi-label model, one label) is predicted. Undefined ratios
 * (no example predicted as the class, or none of it in the data) are 0, as scikit-learn reports them.
 *
 * <pre>{@code
 * ClassScores rare = evaluation.perClass().get(2);
 * System.out.printf("class 2: precision %.2f, recall %.2f over %d examples%n",
 *         rare.precision(), rare.recall(), rare.support());
 * }</pre>
 *
 * @param classIndex the class (or label) index
 * @param precision of the examples predicted as this class, the fraction that are
 * @param recall of the examples that are this class, the fraction predicted so
 * @param f1 the harmonic mean of precision and recall
 * @param support how many examples are this class (have this label)
 * @param predicted how many examples were predicted as this class (given this label)
 */
public record ClassScores(int classIndex, double precision, double recall, double f1, long support, long predicted) {

    /**
     * @param classIndex the class
     * @param truePositives examples of the class predicted as it
     * @param support examples of the class
     * @param predicted examples predicted as the class
     * @return the scores
     */
    static ClassScores of(int classIndex, long truePositives, long support, long predicted) {
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = support == 0 ? 0 : (double) truePositives / support;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassScores(classIndex, precision, recall, f1, support, predicted);
    }

    /** @return the fraction of the class's examples predicted as another class: 1 - recall (0 without support) */
    public double errorRate() {
        return support == 0 ? 0 : 1 - recall;
    }
}
