package org.kinspect.graph.base;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The class names kinspect gives the layers whose DL4J mapper it replaces: DL4J looks at
 * registered layers only after its own, so {@link org.kinspect.graph.layers.OverriddenMappers} renames those layers
 * {@code kinspect.CLASS}, and the mappers registered under those names
 * ({@link org.kinspect.graph.layers.KinspectKerasLayers}) read them back. It imports nothing of kinspect, so the mappers can
 * name their own class without importing the registry that imports them.
 *
 * <pre>{@code
 * String name = ReplacedClassNames.PREFIX + "Dense";                 // kinspect.Dense
 * Map<String, Object> asKeras = ReplacedClassNames.underKerasName(layer); // class_name Dense again
 * }</pre>
 */
public final class ReplacedClassNames {
    /** Prefix of the names kinspect's mappers for classes DL4J maps wrongly are registered under. */
    public static final String PREFIX = "kinspect.";
    /** The class name of a Keras {@code Permute} that keeps every axis in place: it gives its input back. */
    public static final String IDENTITY_PERMUTE = PREFIX + "PermuteIdentity";

    private ReplacedClassNames() {}

    /**
     * @param layerConfig a layer renamed by {@link org.kinspect.graph.layers.OverriddenMappers}
     * @return a copy under its Keras class name, for DL4J's mapper code that looks at the class name
     */
    public static Map<String, Object> underKerasName(Map<String, Object> layerConfig) {
        Map<String, Object> copy = new LinkedHashMap<>(layerConfig);
        copy.computeIfPresent("class_name", (key, name) -> String.valueOf(name).replace(PREFIX, ""));
        return copy;
    }
}
