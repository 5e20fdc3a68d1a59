package org.kinspect.initializers;

import java.util.Random;
import org.kinspect.custom.KerasInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code RandomNormal(mean, stddev)} (Keras 1's {@code normal}: mean 0, stddev 0.05).
 *
 * <pre>{@code
 * new RandomNormalInitializer(0, 0.05).create(new long[] {10, 4}, new Random(1));
 * }</pre>
 *
 * @param mean the mean
 * @param stddev the standard deviation
 */
public record RandomNormalInitializer(double mean, double stddev) implements KerasInitializer {

    @Override
    public INDArray create(long[] shape, Random random) {
        return Draws.normal(shape, mean, stddev, random);
    }
}
