package org.kinspect.initializers;

import java.util.Random;
import org.kinspect.custom.KerasInitializer;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Orthogonal(gain)}: the weight, flattened to {@code (product of all axes but the
 * last, last axis)}, is {@code gain} times a matrix with orthonormal columns (or rows, when it has
 * fewer rows than columns), from the QR decomposition of a standard normal matrix with the signs
 * of R's diagonal carried into Q, as Keras does, so that it is uniformly distributed.
 *
 * <pre>{@code
 * INDArray q = new OrthogonalInitializer(1.0).create(new long[] {64, 256}, new Random(1)); // q q^T = I
 * }</pre>
 *
 * @param gain the factor applied to the orthogonal matrix
 */
public record OrthogonalInitializer(double gain) implements KerasInitializer {

    @Override
    public INDArray create(long[] shape, Random random) {
        if (shape.length < 2) {
            throw KinspectException.modelFile("the Orthogonal initializer needs a weight of two or more axes, not "
                    + java.util.Arrays.toString(shape));
        }
        long rows = 1;
        for (int axis = 0; axis < shape.length - 1; axis++) {
            rows *= shape[axis];
        }
        long columns = shape[shape.length - 1];
        INDArray normal = Draws.normal(new long[] {Math.max(rows, columns), Math.min(rows, columns)}, 0, 1, random)
                .castTo(DataType.DOUBLE);
        INDArray[] qr = Nd4j.linalg().qr(normal, false);
        INDArray q = qr[0];
        INDArray r = qr[1];
        INDArray signs = Nd4j.create(DataType.DOUBLE, 1, Math.min(rows, columns));
        for (long i = 0; i < signs.length(); i++) {
            signs.putScalar(0, i, r.getDouble(i, i) < 0 ? -1 : 1);
        }
        q.muliRowVector(signs);
        if (rows < columns) {
            q = q.transpose();
        }
        return q.mul(gain).dup('c').reshape('c', shape).castTo(DataType.FLOAT);
    }
}
