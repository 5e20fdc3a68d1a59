package org.kinspect.initializers;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Arrays of independent draws from the distributions Keras's initializers use. */
final class Draws {

    private Draws() {}

    static INDArray of(long[] shape, DoubleSupplier draw) {
        long count = 1;
        for (long size : shape) {
            count *= size;
        }
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) draw.getAsDouble();
        }
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    static INDArray normal(long[] shape, double mean, double stddev, Random random) {
        return of(shape, () -> mean + stddev * random.nextGaussian());
    }

    /** A normal distribution cut at two standard deviations, redrawing outside: Keras's truncated normal. */
    static INDArray truncatedNormal(long[] shape, double mean, double stddev, Random random) {
        return of(shape, () -> {
            double draw;
            do {
                draw = random.nextGaussian();
            } while (Math.abs(draw) > 2);
            return mean + stddev * draw;
        });
    }

    static INDArray uniform(long[] shape, double min, double max, Random random) {
        return of(shape, () -> min + (max - min) * random.nextDouble());
    }
}
