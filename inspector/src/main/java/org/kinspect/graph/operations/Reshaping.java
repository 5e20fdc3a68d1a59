package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ops that move values between axes without changing them: {@code expand_dims}, {@code squeeze},
 * {@code reshape} (in C order on Keras's layout, as Keras) and {@code transpose}. The batch axis
 * stays first.
 */
final class Reshaping implements Operation {
    private final String function;
    private final Object argument;

    /**
     * @param function expand_dims, squeeze, reshape or transpose
     * @param argument its {@code axis}, {@code newshape} or {@code axes}
     */
    Reshaping(String function, Object argument) {
        this.function = function;
        this.argument = argument;
    }

    /** @return whether a function only moves values between axes */
    static boolean computes(String function) {
        return List.of("expand_dims", "squeeze", "reshape", "transpose").contains(function);
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        long[] shape = Reduction.only(inputShapes);
        return switch (function) {
            case "expand_dims" -> expanded(shape);
            case "squeeze" -> squeezed(shape);
            case "reshape" -> reshaped(shape);
            default -> transposed(shape);
        };
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray x = inputs.get(0);
        if (function.equals("transpose")) {
            return x.permute(permutation(x.rank())).dup('c');
        }
        long[] shape = outputShape(List.of(withBatchUnknown(x.shape())));
        shape[0] = x.size(0);
        if (function.equals("reshape")) {
            shape = resolved(shape, x.length());
        }
        return x.dup('c').reshape('c', shape);
    }

    private long[] expanded(long[] shape) {
        List<Integer> axes = numbers(argument);
        int rank = shape.length + axes.size();
        int[] at = Axes.of(argument, rank);
        List<Long> result = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < rank; i++) {
            result.add(Arrays.binarySearch(at, i) >= 0 ? 1L : shape[from++]);
        }
        return result.stream().mapToLong(Long::longValue).toArray();
    }

    private long[] squeezed(long[] shape) {
        int[] axes;
        if (argument == null) {
            axes = java.util.stream.IntStream.range(1, shape.length).filter(i -> shape[i] == 1).toArray();
        } else {
            axes = Axes.of(argument, shape.length);
        }
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            if (Arrays.binarySearch(axes, i) < 0) {
                result.add(shape[i]);
            } else if (shape[i] != 1) {
                throw new IllegalArgumentException("of axis " + i + ", which has size " + shape[i] + ", not 1");
            }
        }
        return result.stream().mapToLong(Long::longValue).toArray();
    }

    /** Keras's new shape counts the batch axis; kinspect needs it to be left open there (-1 or None). */
    private long[] reshaped(long[] shape) {
        List<Integer> wanted = numbers(argument);
        if (wanted.isEmpty() || wanted.get(0) != -1) {
            throw new IllegalArgumentException("to shape " + argument + " (the batch axis must stay first, as -1)"
                    + Axes.ACROSS_EXAMPLES);
        }
        long[] result = wanted.stream().mapToLong(Integer::longValue).toArray();
        long perExample = 1;
        for (int i = 1; i < shape.length; i++) {
            perExample = shape[i] < 0 ? -1 : perExample * shape[i];
        }
        long known = 1;
        int open = -1;
        for (int i = 1; i < result.length; i++) {
            if (result[i] < 0) {
                if (open >= 0) {
                    throw new IllegalArgumentException("to shape " + argument + " (two sizes left open)");
                }
                open = i;
            } else {
                known *= result[i];
            }
        }
        if (perExample < 0) {
            throw new IllegalArgumentException("of a tensor of open size " + Arrays.toString(shape));
        }
        if (open >= 0) {
            result[open] = perExample / Math.max(known, 1);
            known *= result[open];
        }
        if (known != perExample) {
            throw new IllegalArgumentException("of " + perExample + " values per example to shape " + argument);
        }
        return result;
    }

    private long[] transposed(long[] shape) {
        int[] permutation = permutation(shape.length);
        long[] result = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            result[i] = shape[permutation[i]];
        }
        return result;
    }

    private int[] permutation(int rank) {
        if (argument == null) {
            throw new IllegalArgumentException("without axes (it reverses all axes, the batch axis included)"
                    + Axes.ACROSS_EXAMPLES);
        }
        int[] permutation = numbers(argument).stream().mapToInt(axis -> axis < 0 ? axis + rank : axis).toArray();
        int[] sorted = permutation.clone();
        Arrays.sort(sorted);
        boolean valid = permutation.length == rank && permutation[0] == 0;
        for (int i = 0; valid && i < rank; i++) {
            valid = sorted[i] == i;
        }
        if (!valid) {
            throw new IllegalArgumentException("with axes " + argument + " (the batch axis must stay first)"
                    + Axes.ACROSS_EXAMPLES);
        }
        return permutation;
    }

    /** The one size left open, now that the number of values is known. */
    private static long[] resolved(long[] shape, long length) {
        long known = 1;
        int open = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                open = i;
            } else {
                known *= shape[i];
            }
        }
        if (open >= 0) {
            shape[open] = length / known;
        }
        return shape;
    }

    private static long[] withBatchUnknown(long[] shape) {
        long[] copy = shape.clone();
        copy[0] = -1;
        return copy;
    }

    private static List<Integer> numbers(Object value) {
        List<Integer> numbers = new ArrayList<>();
        if (value instanceof Number number) {
            numbers.add(number.intValue());
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                numbers.add(item instanceof Number number ? number.intValue() : -1); // None: open
            }
        } else {
            throw new IllegalArgumentException("with argument " + value);
        }
        return numbers;
    }
}
