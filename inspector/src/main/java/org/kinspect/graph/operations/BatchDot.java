package org.kinspect.graph.operations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's {@code Dot} layer ({@code batch_dot}): for each example, the sum of products of the two
 * tensors along one axis of each, the remaining axes of the first then those of the second; a
 * vector's missing axis dropped, as Keras does (two vectors give {@code (batch, 1)}). With
 * {@code normalize}, both are first divided by their L2 norm along that axis (at least 1e-7), which
 * makes it the cosine similarity.
 */
final class BatchDot implements Operation {
    /** Keras's {@code backend.epsilon()}: the smallest norm {@code normalize} divides by. */
    private static final double SMALLEST_NORM = 1e-7;
    private final Operand left;
    private final Operand right;
    private final Object axes;
    private final boolean normalize;

    /**
     * @param left the first tensor
     * @param right the second tensor
     * @param axes the configuration's {@code axes}: one axis for both, or one for each
     * @param normalize whether both are L2-normalised along their axis first
     */
    BatchDot(Operand left, Operand right, Object axes, boolean normalize) {
        if (!left.isTensor() || !right.isTensor()) {
            throw new IllegalArgumentException("with a constant argument");
        }
        this.left = left;
        this.right = right;
        this.axes = axes;
        this.normalize = normalize;
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        long[] a = left.shape(inputShapes);
        long[] b = right.shape(inputShapes);
        int[] axis = axes(a.length, b.length);
        if (a[axis[0]] >= 0 && b[axis[1]] >= 0 && a[axis[0]] != b[axis[1]]) {
            throw new IllegalArgumentException("of shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                    + " along axes " + Arrays.toString(axis));
        }
        List<Long> shape = new ArrayList<>();
        shape.add(-1L);
        remaining(a, axis[0]).forEach(shape::add);
        remaining(b, axis[1]).forEach(shape::add);
        if (shape.size() == 1) {
            shape.add(1L); // two vectors: (batch, 1)
        }
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray a = left.value(inputs).castTo(DataType.FLOAT);
        INDArray b = right.value(inputs).castTo(DataType.FLOAT);
        int[] axis = axes(a.rank(), b.rank());
        if (normalize) {
            a = normalized(a, axis[0]);
            b = normalized(b, axis[1]);
        }
        long batch = a.size(0);
        long inner = a.size(axis[0]);
        // a as (batch, rows, inner) and b as (batch, inner, columns), the summed axis moved into place
        INDArray rowsFirst = a.permute(order(a.rank(), axis[0], a.rank() - 1)).dup('c').reshape('c', batch, -1, inner);
        INDArray innerFirst = b.permute(order(b.rank(), axis[1], 1)).dup('c').reshape('c', batch, inner, -1);
        INDArray result = Nd4j.create(DataType.FLOAT, batch, rowsFirst.size(1), innerFirst.size(2));
        for (long i = 0; i < batch; i++) {
            result.slice(i).assign(rowsFirst.slice(i).mmul(innerFirst.slice(i)));
        }
        long[] shape = outputShape(List.of(a.shape(), b.shape()));
        shape[0] = batch;
        return result.reshape('c', shape);
    }

    private int[] axes(int leftRank, int rightRank) {
        if (axes instanceof Number number) {
            return new int[] {Axes.one(number.intValue(), leftRank), Axes.one(number.intValue(), rightRank)};
        }
        if (axes instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number first
                && list.get(1) instanceof Number second) {
            return new int[] {Axes.one(first.intValue(), leftRank), Axes.one(second.intValue(), rightRank)};
        }
        throw new IllegalArgumentException("with axes " + axes);
    }

    private static List<Long> remaining(long[] shape, int axis) {
        List<Long> sizes = new ArrayList<>();
        for (int i = 1; i < shape.length; i++) {
            if (i != axis) {
                sizes.add(shape[i]);
            }
        }
        return sizes;
    }

    /** The permutation that moves {@code axis} to {@code position}, the others keeping their order. */
    private static int[] order(int rank, int axis, int position) {
        List<Integer> others = new ArrayList<>(IntStream.range(0, rank).boxed().toList());
        others.remove(Integer.valueOf(axis));
        others.add(position, axis);
        return others.stream().mapToInt(Integer::intValue).toArray();
    }

    private static INDArray normalized(INDArray x, int axis) {
        INDArray norm = Transforms.sqrt(x.mul(x).sum(true, axis), false);
        return x.div(Broadcast.to(Transforms.max(norm, SMALLEST_NORM, false), x.shape()));
    }
}
