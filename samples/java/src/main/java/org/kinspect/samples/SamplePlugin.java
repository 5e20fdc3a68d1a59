package org.kinspect.samples;

import org.kinspect.custom.CustomObjects;
import org.kinspect.custom.KerasConfigValues;
import org.kinspect.custom.KinspectPlugin;

/**
 * The sample models' custom objects as a {@code --plugin} jar: the samples' own jar
 * ({@code samples/java/target/kinspect-samples-VERSION.jar}, built by {@code mvn package}) lists this
 * class in {@code META-INF/services/org.kinspect.custom.KinspectPlugin}, so
 *
 * <pre>{@code
 * java -jar cli/target/kinspect.jar verify samples/models/custom_layer.keras \
 *     --reference samples/models/custom_layer_io.h5 --plugin samples/java/target/kinspect-samples-0.1.0-SNAPSHOT.jar
 * }</pre>
 *
 * imports {@code custom_layer.keras} (its {@code MyPkg>ScaleShift} layer) and
 * {@code custom_initializer.keras} (its {@code MyPkg>SmallPositive} initializer). docs/plugins.md
 * explains how to write one.
 */
public final class SamplePlugin implements KinspectPlugin {

    @Override
    public CustomObjects register(CustomObjects objects) {
        return objects
                .withLayer("MyPkg>ScaleShift", CustomObjectsSample.KerasScaleShift.class)
                .withInitializer("MyPkg>SmallPositive",
                        config -> new CustomObjectsSample.SmallPositive(KerasConfigValues.number(config, "scale", 0.01)));
    }
}
