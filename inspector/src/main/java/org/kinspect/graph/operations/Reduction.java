package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code ops.mean}, {@code ops.sum}, {@code ops.max}, {@code ops.min}, {@code ops.prod}, and
 * {@code ops.var} and {@code ops.std} (numpy's: without Bessel's correction) along non-batch axes.
 */
final class Reduction implements Operation {
    private final String function;
    private final Object axis;
    private final boolean keepDims;

    /**
     * @param function mean, sum, max or min
     * @param axis the configuration's {@code axis}
     * @param keepDims whether reduced axes stay, with size 1
     */
    Reduction(String function, Object axis, boolean keepDims) {
        this.function = function;
        this.axis = axis;
        this.keepDims = keepDims;
    }

    /** @return whether a function is a reduction */
    static boolean computes(String function) {
        return List.of("mean", "sum", "max", "min", "prod", "var", "std").contains(function);
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        long[] shape = only(inputShapes);
        int[] axes = Axes.of(axis, shape.length);
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            boolean reduced = java.util.Arrays.binarySearch(axes, i) >= 0;
            if (!reduced) {
                result.add(shape[i]);
            } else if (keepDims) {
                result.add(1L);
            }
        }
        return result.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray x = inputs.get(0);
        int[] axes = Axes.of(axis, x.rank());
        return switch (function) {
            case "mean" -> x.mean(keepDims, axes);
            case "sum" -> x.sum(keepDims, axes);
            case "max" -> x.max(keepDims, axes);
            case "min" -> x.min(keepDims, axes);
            case "prod" -> x.prod(keepDims, axes);
            case "var" -> withShape(x.var(false, axes), x);
            default -> withShape(x.std(false, axes), x);
        };
    }

    /** ND4J's var and std drop the reduced axes; Keras keeps them with size 1 when asked. */
    private INDArray withShape(INDArray reduced, INDArray x) {
        long[] shape = outputShape(List.of(x.shape()));
        shape[0] = x.size(0);
        return reduced.reshape('c', shape);
    }

    static long[] only(List<long[]> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new IllegalArgumentException("on " + inputShapes.size() + " tensors");
        }
        return inputShapes.get(0);
    }
}
