package org.kinspect.graph.base;

import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;

/**
 * kinspect's Keras layer mappers by Keras class name, as the registry
 * ({@code graph.layers.KinspectKerasLayers}) installs them before any import maps a layer. A mapper
 * that maps a layer it wraps (a recurrent layer with states wraps its LSTM or GRU) reads them here:
 * importing the registry, which imports every mapper, would close a circle.
 *
 * <pre>{@code
 * RegisteredMappers.install(KinspectKerasLayers.byClassName());        // once, by the registry's user
 * KerasLayer wrapped = KerasLayerUtils.getKerasLayerFromConfig(config, false, conf,
 *         RegisteredMappers.byClassName(), Map.of(), Map.of());
 * }</pre>
 */
public final class RegisteredMappers {
    private static volatile Map<String, Class<? extends KerasLayer>> byClassName = Map.of();

    private RegisteredMappers() {}

    /** @param mappers every mapper of kinspect's, by the Keras class name it maps */
    public static void install(Map<String, Class<? extends KerasLayer>> mappers) {
        byClassName = Map.copyOf(mappers);
    }

    /** @return the installed mappers by Keras class name */
    public static Map<String, Class<? extends KerasLayer>> byClassName() {
        if (byClassName.isEmpty()) {
            throw new IllegalStateException("kinspect's layer mappers are not installed yet (Dl4jRegistry installs them)");
        }
        return byClassName;
    }
}
