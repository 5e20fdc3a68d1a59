package org.kinspect.cli;

import org.kinspect.custom.CustomObjects;
import org.kinspect.custom.KerasConfigValues;
import org.kinspect.custom.KinspectPlugin;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A plugin as a user would ship one in a jar: the Java form of the fixture's Keras initializer
 * {@code MyPkg>SmallPositive} (scale * (1 + (i mod 7)) in row-major order, see
 * inspector/src/test/resources/custom/my_objects.py).
 */
public final class SmallPositivePlugin implements KinspectPlugin {

    @Override
    public CustomObjects register(CustomObjects objects) {
        return objects.withInitializer("MyPkg>SmallPositive", config -> {
            double scale = KerasConfigValues.number(config, "scale", 0.01);
            return (shape, random) -> {
                INDArray values = Nd4j.create(DataType.FLOAT, shape);
                for (long i = 0; i < values.length(); i++) {
                    values.putScalar(i, (float) (scale * (1 + i % 7)));
                }
                return values;
            };
        });
    }
}
