package org.kinspect.initializers;

import java.util.Random;
import org.kinspect.custom.KerasInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code TruncatedNormal(mean, stddev)}: a normal distribution with values beyond two
 * standard deviations from the mean redrawn. As in Keras, {@code stddev} is that of the normal
 * before the cut: the values themselves spread about 0.88 times as much.
 *
 * <pre>{@code
 * new TruncatedNormalInitializer(0, 0.05).create(new long[] {10, 4}, new Random(1)); // all within ±0.1
 * }</pre>
 *
 * @param mean the mean
 * @param stddev the standard deviation of the normal before truncation
 */
public record TruncatedNormalInitializer(double mean, double stddev) implements KerasInitializer {

    @Override
    public INDArray create(long[] shape, Random random) {
        return Draws.truncatedNormal(shape, mean, stddev, random);
    }
}
