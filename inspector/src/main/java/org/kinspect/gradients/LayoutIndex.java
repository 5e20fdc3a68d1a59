package org.kinspect.gradients;

import java.util.function.UnaryOperator;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves arrays between DL4J's layout and Keras's without a second copy of kinspect's layout rules:
 * the one-way conversion kinspect already has (inputs Keras to DL4J, outputs DL4J to Keras) only
 * rearranges elements, so running it once on an array of element numbers tells where each element
 * goes, and that mapping is then applied either way.
 *
 * <pre>{@code
 * LayoutIndex toKeras = LayoutIndex.of(dl4jShape, array -> probe.toKerasLayout("conv", array, inputs));
 * INDArray inDl4j = toKeras.backward(seedInKerasLayout); // the inverse of the conversion
 * }</pre>
 */
final class LayoutIndex {
    /** Float32 numbers every integer up to 2^24 exactly. */
    private static final long EXACT_INTEGERS = 1L << 24;

    private final long[] sourceShape;
    private final long[] targetShape;
    /** For each element of the converted array (C order), the element of the source it came from. */
    private final int[] sourceOf;

    private LayoutIndex(long[] sourceShape, long[] targetShape, int[] sourceOf) {
        this.sourceShape = sourceShape;
        this.targetShape = targetShape;
        this.sourceOf = sourceOf;
    }

    /**
     * @param sourceShape the shape the conversion reads
     * @param conversion a conversion that only rearranges (transposes, reshapes) its input
     * @return the conversion's element mapping
     * @throws KinspectException when the array is too large to number exactly, or (internal) the
     *     conversion does more than rearrange
     */
    static LayoutIndex of(long[] sourceShape, UnaryOperator<INDArray> conversion) {
        long count = 1;
        for (long size : sourceShape) {
            count *= size;
        }
        if (count >= EXACT_INTEGERS) {
            throw KinspectException.resources("an array of " + count + " elements is too large to take gradients of"
                    + " in one run; give fewer examples");
        }
        float[] numbers = new float[(int) count];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i;
        }
        INDArray converted = conversion.apply(Nd4j.create(numbers, sourceShape, 'c'));
        float[] sources = converted.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] sourceOf = new int[sources.length];
        boolean[] seen = new boolean[numbers.length];
        for (int i = 0; i < sources.length; i++) {
            int source = (int) sources[i];
            if (sources.length != numbers.length || source != sources[i] || source < 0 || source >= numbers.length
                    || seen[source]) {
                throw KinspectException.internal("a layout conversion does more than rearrange elements");
            }
            seen[source] = true;
            sourceOf[i] = source;
        }
        return new LayoutIndex(sourceShape.clone(), converted.shape(), sourceOf);
    }

    /** @return the array converted as the conversion would (forward) */
    INDArray forward(INDArray source) {
        float[] values = source.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] converted = new float[sourceOf.length];
        for (int i = 0; i < converted.length; i++) {
            converted[i] = values[sourceOf[i]];
        }
        return Nd4j.create(converted, targetShape, 'c');
    }

    /** @return an array in the converted layout put back in the source's layout (the inverse) */
    INDArray backward(INDArray converted) {
        float[] values = converted.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] source = new float[sourceOf.length];
        for (int i = 0; i < values.length; i++) {
            source[sourceOf[i]] = values[i];
        }
        return Nd4j.create(source, sourceShape, 'c');
    }
}
