package org.kinspect.initializers;

import java.util.Random;
import org.kinspect.custom.KerasInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Constant(value)}, {@code Zeros} and {@code Ones}.
 *
 * <pre>{@code
 * new ConstantInitializer(0.25).create(new long[] {3}, random); // [0.25, 0.25, 0.25]
 * }</pre>
 *
 * @param value every value
 */
public record ConstantInitializer(double value) implements KerasInitializer {

    @Override
    public INDArray create(long[] shape, Random random) {
        return Nd4j.valueArrayOf(shape, value, DataType.FLOAT);
    }
}
