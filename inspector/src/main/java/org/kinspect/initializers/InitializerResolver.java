package org.kinspect.initializers;

import java.util.Optional;
import java.util.function.Function;
import org.kinspect.custom.CustomObjects;
import org.kinspect.custom.InitializerFactory;
import org.kinspect.custom.InitializerSpec;
import org.kinspect.custom.KerasInitializer;
import org.kinspect.errors.KinspectException;

/**
 * Finds the Java implementation of an initializer a configuration names: a registered custom one
 * first (so that a user may replace a built-in), then Keras's built-ins.
 *
 * <pre>{@code
 * new InitializerResolver(custom, 3).resolve(spec, Fans::of).orElseThrow();
 * }</pre>
 *
 * @param custom the registered custom objects
 * @param kerasMajorVersion the Keras that wrote the configuration
 */
public record InitializerResolver(CustomObjects custom, int kerasMajorVersion) {

    /**
     * @param spec the initializer
     * @param fans how the layer's weights count their fans
     * @return its implementation, or empty when it is neither registered nor built in
     * @throws KinspectException when a registered factory refuses the saved configuration
     */
    public Optional<KerasInitializer> resolve(InitializerSpec spec, Function<long[], Fans> fans) {
        Optional<InitializerFactory> registered = custom.initializer(spec);
        if (registered.isPresent()) {
            try {
                return Optional.of(registered.get().create(spec.config()));
            } catch (RuntimeException e) {
                throw KinspectException.modelFile("the registered initializer '" + spec.displayName()
                        + "' cannot be made from its saved configuration " + spec.config() + " (" + e.getMessage() + ")", e);
            }
        }
        return BuiltInInitializers.of(spec, kerasMajorVersion, fans);
    }

    /**
     * @param spec the initializer
     * @return true when it is registered or built in
     */
    public boolean knows(InitializerSpec spec) {
        return custom.initializer(spec).isPresent()
                || BuiltInInitializers.of(spec, kerasMajorVersion, Fans::of).isPresent();
    }
}
