package org.kinspect.graph.operations;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ops.matmul}: the matrix product over the two last axes, of two tensors with the same
 * leading axes (attention scores, {@code q @ k^T}), or of a tensor and a constant matrix
 * ({@code x @ W}).
 */
final class MatrixProduct implements Operation {
    private final Operand left;
    private final Operand right;

    /**
     * @param left the left factor, a tensor
     * @param right the right factor, a tensor or a constant matrix
     */
    MatrixProduct(Operand left, Operand right) {
        if (!left.isTensor()) {
            throw new IllegalArgumentException("with a constant left factor");
        }
        this.left = left;
        this.right = right;
    }

    @Override
    public long[] outputShape(List<long[]> inputShapes) {
        long[] a = left.shape(inputShapes);
        long[] b = right.shape(inputShapes);
        boolean fits;
        if (right.isTensor()) {
            fits = a.length >= 3 && a.length == b.length
                    && Arrays.equals(Arrays.copyOfRange(a, 1, a.length - 2), Arrays.copyOfRange(b, 1, b.length - 2));
        } else {
            fits = b.length == 2 && a.length >= 2;
        }
        long inner = a[a.length - 1];
        long rightInner = b[b.length - 2];
        if (!fits || inner >= 0 && rightInner >= 0 && inner != rightInner) {
            throw new IllegalArgumentException("of shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                    + " (kinspect multiplies tensors with the same leading axes, or a tensor by a constant matrix)");
        }
        long[] shape = a.clone();
        shape[shape.length - 1] = b[b.length - 1];
        return shape;
    }

    @Override
    public INDArray apply(List<INDArray> inputs) {
        INDArray a = left.value(inputs).castTo(DataType.FLOAT);
        INDArray b = right.value(inputs).castTo(DataType.FLOAT);
        long[] shape = a.shape().clone();
        shape[shape.length - 1] = b.size(b.rank() - 1);
        long rows = a.size(a.rank() - 2);
        long inner = a.size(a.rank() - 1);
        if (!right.isTensor()) {
            return a.dup('c').reshape('c', -1, inner).mmul(b).reshape('c', shape);
        }
        long columns = b.size(b.rank() - 1);
        long matrices = a.length() / (rows * inner);
        INDArray stackedA = a.dup('c').reshape('c', matrices, rows, inner);
        INDArray stackedB = b.dup('c').reshape('c', matrices, inner, columns);
        INDArray result = Nd4j.create(DataType.FLOAT, matrices, rows, columns);
        for (long i = 0; i < matrices; i++) {
            result.slice(i).assign(stackedA.slice(i).mmul(stackedB.slice(i)));
        }
        return result.reshape('c', shape);
    }
}
