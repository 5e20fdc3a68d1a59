package org.kinspect.custom;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fixture's MyPkg>SmallPositive in Java: scale * (1 + (i mod 7)) in row-major order. */
record SmallPositive(double scale) implements KerasInitializer {

    @Override
    public INDArray create(long[] shape, Random random) {
        INDArray values = Nd4j.create(DataType.FLOAT, shape);
        for (long i = 0; i < values.length(); i++) {
            values.putScalar(i, (float) (scale * (1 + i % 7)));
        }
        return values;
    }
}
