package org.kinspect.custom;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras initializer in Java: it draws a weight's values in Keras's shape (a Dense kernel is
 * {@code (inputs, units)}, a Conv2D kernel {@code (height, width, in_channels, filters)}, an LSTM
 * recurrent kernel {@code (units, 4 * units)} with Keras's gate order i, f, c, o), exactly as the
 * Keras initializer of the same name would. kinspect converts the values to DL4J's layout itself.
 *
 * <pre>{@code
 * KerasInitializer smallPositive = (shape, random) -> {
 *     INDArray values = Nd4j.create(DataType.FLOAT, shape);
 *     for (long i = 0; i < values.length(); i++) values.putScalar(i, 0.01 * (1 + i % 7));
 *     return values;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface KerasInitializer {

    /**
     * @param shape the weight's shape as Keras gives it
     * @param random the source of randomness (seeded, so that a re-initialisation can be repeated)
     * @return new float values of that shape, C order
     */
    INDArray create(long[] shape, Random random);
}
