package org.kinspect.eval;

import java.util.List;

/**
 * How our predictions compare with predictions saved from Keras for the same inputs
 * ({@code np.save("pred.npy", model.predict(x))}).
 *
 * <pre>{@code
 * ReferenceAgreement keras = evaluation.reference();
 * if (keras.agreeing() < keras.examples()) System.out.println("first disagreement: " + keras.disagreements().get(0));
 * }</pre>
 *
 * @param examples how many examples were compared
 * @param agreeing on how many the predicted class is the same (for a multi-label model: every
 *     label the same), the same threshold applied to both
 * @param maxAbsDifference the largest absolute difference between two probabilities
 * @param maxDifferenceExample the example where it is
 * @param maxDifferenceClass the class (or label) where it is
 * @param disagreements the first examples, by index, where the predictions differ (at most
 *     {@value #LISTED})
 */
public record ReferenceAgreement(long examples, long agreeing, double maxAbsDifference, long maxDifferenceExample,
        int maxDifferenceClass, List<Long> disagreements) {
    /** At most this many disagreeing examples are listed. */
    public static final int LISTED = 20;

    /** Copies the list so the record stays immutable. */
    public ReferenceAgreement {
        disagreements = List.copyOf(disagreements);
    }

    /** @return the fraction of examples on which the predictions agree */
    public double agreement() {
        return examples == 0 ? Double.NaN : (double) agreeing / examples;
    }
}
