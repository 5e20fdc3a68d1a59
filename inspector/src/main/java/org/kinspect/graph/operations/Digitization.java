package org.kinspect.graph.operations;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code ops.digitize(x, bins)} as Keras's {@code Discretization} calls it, with increasing
 * boundaries: each value becomes the number of boundaries at or below it ({@code numpy.digitize}
 * with {@code right=False}), as a float.
 *
 * <pre>{@code
 * new Digitization(List.of(-0.5, 0.0, 0.5)).apply(List.of(x)); // -1 -> 0, 0 -> 2, 0.7 -> 3
 * }</pre>
 */
final class Digitization implements Operation {
    private final double[] boundaries;

    /**
     * @param bins the bin boundaries, increasing
     * @throws IllegalArgumentException when they are not a list of numbers
     */
    Digitization(Object bins) {
        if (!(bins instanceof List<?> list) || !list.stream().allMatch(Number.class::isInstance)) {
            throw new IllegalArgumentException("with bins " + bins + " (a list of numbers)");
        }
        boundaries = list.stream().mapToDouble(value -> ((Number) value).doubleValue()).toArray();
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        return Reduction.only(inputShapes);
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray x = inputs.get(0);
        INDArray bins = x.ulike().castTo(DataType.FLOAT).assign(0);
        for (double boundary : boundaries) {
            bins.addi(x.gte(boundary).castTo(DataType.FLOAT));
        }
        return bins;
    }
}
