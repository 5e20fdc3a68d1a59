package org.kinspect.initializers;

import java.util.Random;
import org.kinspect.custom.KerasInitializer;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Identity(gain)}: {@code gain} on the main diagonal of a 2-D weight, zeros
 * elsewhere (Keras 3 allows a non-square one, as {@code eye(rows, columns)}).
 *
 * <pre>{@code
 * new IdentityInitializer(2.0).create(new long[] {3, 3}, random); // 2 * I
 * }</pre>
 *
 * @param gain the value on the diagonal
 */
public record IdentityInitializer(double gain) implements KerasInitializer {

    @Override
    public INDArray create(long[] shape, Random random) {
        if (shape.length != 2) {
            throw KinspectException.modelFile("the Identity initializer needs a 2-D weight, not "
                    + java.util.Arrays.toString(shape));
        }
        INDArray values = Nd4j.zeros(DataType.FLOAT, shape);
        for (long i = 0; i < Math.min(shape[0], shape[1]); i++) {
            values.putScalar(i, i, gain);
        }
        return values;
    }
}
