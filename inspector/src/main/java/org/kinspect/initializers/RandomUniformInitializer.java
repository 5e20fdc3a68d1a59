package org.kinspect.initializers;

import java.util.Random;
import org.kinspect.custom.KerasInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code RandomUniform(minval, maxval)} (Keras 1's {@code uniform}: ±0.05).
 *
 * <pre>{@code
 * new RandomUniformInitializer(-0.05, 0.05).create(new long[] {10, 4}, new Random(1));
 * }</pre>
 *
 * @param min the lower bound
 * @param max the upper bound
 */
public record RandomUniformInitializer(double min, double max) implements KerasInitializer {

    @Override
    public INDArray create(long[] shape, Random random) {
        return Draws.uniform(shape, min, max, random);
    }
}
