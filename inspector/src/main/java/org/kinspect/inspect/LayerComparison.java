package org.kinspect.inspect;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How one layer's output compares with Keras's. A value matches when
 * {@code |ours - keras| <= tolerance * max(1, |keras|)}; a layer matches when its shape is Keras's
 * and all its values match.
 *
 * <pre>{@code
 * LayerComparison result = LayerComparison.compare("lstm_1", ours, keras, 1e-5);
 * if (!result.matches()) System.out.println(result.maxAbsoluteError());
 * }</pre>
 *
 * @param layer the layer name
 * @param ourShape the shape we computed (null when we computed nothing)
 * @param kerasShape Keras's shape
 * @param maxAbsoluteError the largest |ours - keras|
 * @param maxRelativeError the largest |ours - keras| / max(1, |keras|)
 * @param matches whether the shapes agree and every value is within the tolerance
 */
public record LayerComparison(
        String layer, long[] ourShape, long[] kerasShape, double maxAbsoluteError, double maxRelativeError,
        boolean matches) {

    /**
     * @param layer the layer name
     * @param ours our output, or null when we have none for this layer
     * @param keras Keras's output
     * @param tolerance the relative tolerance
     * @return the comparison
     */
    public static LayerComparison compare(String layer, INDArray ours, INDArray keras, double tolerance) {
        if (ours == null) {
            return new LayerComparison(layer, null, keras.shape(), Double.NaN, Double.NaN, false);
        }
        if (!Arrays.equals(ours.shape(), keras.shape())) {
            // Keras sometimes keeps a trailing axis of size one that DL4J drops, or the reverse.
            if (ours.length() != keras.length() || !sameBesidesUnitAxes(ours.shape(), keras.shape())) {
                return new LayerComparison(layer, ours.shape(), keras.shape(), Double.NaN, Double.NaN, false);
            }
        }
        float[] a = ours.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] b = keras.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double maxAbsolute = 0;
        double maxRelative = 0;
        boolean matches = true;
        for (int i = 0; i < a.length; i++) {
            double absolute = Math.abs((double) a[i] - b[i]);
            if (Float.isNaN(a[i]) && Float.isNaN(b[i])) absolute = 0;
            double relative = absolute / Math.max(1, Math.abs(b[i]));
            if (Double.isNaN(absolute)) {
                matches = false;
                maxAbsolute = Double.NaN;
                maxRelative = Double.NaN;
                continue;
            }
            maxAbsolute = Math.max(maxAbsolute, absolute);
            maxRelative = Math.max(maxRelative, relative);
            if (relative > tolerance) matches = false;
        }
        return new LayerComparison(layer, ours.shape(), keras.shape(), maxAbsolute, maxRelative,
                matches && Arrays.equals(ours.shape(), keras.shape()));
    }

    private static boolean sameBesidesUnitAxes(long[] first, long[] second) {
        return Arrays.equals(Arrays.stream(first).filter(d -> d != 1).toArray(),
                Arrays.stream(second).filter(d -> d != 1).toArray());
    }
}
