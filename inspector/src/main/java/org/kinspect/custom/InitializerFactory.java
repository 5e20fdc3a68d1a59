package org.kinspect.custom;

import java.util.Map;

/**
 * Makes a {@link KerasInitializer} from the configuration Keras saved for it (what the Python
 * class's {@code get_config()} returned), the way Keras calls {@code from_config}.
 *
 * <pre>{@code
 * InitializerFactory smallPositive = config -> new SmallPositive(KerasConfigValues.number(config, "scale", 0.01));
 * }</pre>
 */
@FunctionalInterface
public interface InitializerFactory {

    /**
     * @param config the initializer's saved configuration (an empty map when Keras saved none)
     * @return the initializer it describes
     */
    KerasInitializer create(Map<String, Object> config);
}
