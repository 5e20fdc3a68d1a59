package org.kinspect.custom;

/**
 * A jar's custom Keras objects, found with {@link java.util.ServiceLoader}: the jar lists its
 * implementation in {@code META-INF/services/org.kinspect.custom.KinspectPlugin}, and
 * {@code kinspect --plugin my-plugin.jar model.keras} (or {@link CustomObjects#fromPlugins})
 * uses it.
 *
 * <pre>{@code
 * public final class MyPlugin implements KinspectPlugin {
 *     public CustomObjects register(CustomObjects objects) {
 *         return objects.withInitializer("MyPkg>SmallPositive", config -> new SmallPositive(0.01));
 *     }
 * }
 * }</pre>
 */
public interface KinspectPlugin {

    /**
     * @param objects what is registered so far
     * @return those objects and this plugin's
     */
    CustomObjects register(CustomObjects objects);
}
