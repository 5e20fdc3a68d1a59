package org.kinspect.custom;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;

/**
 * Java implementations of a model's custom Keras objects, handed to
 * {@link org.kinspect.InspectedModel#open(java.nio.file.Path, org.kinspect.ImportOptions)}: initializers (by Keras 3
 * registered name such as {@code MyPkg>SmallPositive}, or class name), custom layers (a DL4J
 * {@link KerasLayer} mapper, by registered name or class name) and replacements for Lambda layers
 * (by layer name or by the Python function's name). Immutable: each {@code with} returns a new set.
 *
 * <pre>{@code
 * CustomObjects custom = CustomObjects.none()
 *         .withInitializer("MyPkg>SmallPositive", config -> new SmallPositive(KerasConfigValues.number(config, "scale", 0.01)))
 *         .withLayer("MyPkg>ScaleShift", KerasScaleShift.class)
 *         .withLambda("double_it", new TimesTwo());
 * InspectedModel model = InspectedModel.open(Path.of("model.keras"), ImportOptions.defaults().withCustomObjects(custom));
 * }</pre>
 *
 * <p>A {@link KerasLayer} mapper is a public class with a public constructor taking the layer's
 * configuration, {@code (Map<String, Object> layerConfig)}; it sets the DL4J layer and takes the
 * weights in {@code setWeights} (from a {@code .keras} file a custom layer's weights come by
 * position, named {@code "0"}, {@code "1"}...). It is used for the imports given this set only.
 */
public final class CustomObjects {
    private static final CustomObjects NONE = new CustomObjects(Map.of(), Map.of(), Map.of());

    private final Map<String, InitializerFactory> initializers;
    private final Map<String, Class<? extends KerasLayer>> layers;
    private final Map<String, SameDiffLambdaLayer> lambdas;

    private CustomObjects(Map<String, InitializerFactory> initializers, Map<String, Class<? extends KerasLayer>> layers,
            Map<String, SameDiffLambdaLayer> lambdas) {
        this.initializers = Map.copyOf(initializers);
        this.layers = Map.copyOf(layers);
        this.lambdas = Map.copyOf(lambdas);
    }

    /** @return the empty set: only Keras's own objects are known */
    public static CustomObjects none() {
        return NONE;
    }

    /**
     * Every {@link KinspectPlugin} the class loader finds ({@code META-INF/services/org.kinspect.custom.KinspectPlugin}).
     *
     * <pre>{@code
     * ClassLoader plugins = new URLClassLoader(new URL[] {Path.of("my-plugin.jar").toUri().toURL()});
     * CustomObjects custom = CustomObjects.fromPlugins(plugins);
     * }</pre>
     *
     * @param loader where to look
     * @return what the plugins register, together
     */
    public static CustomObjects fromPlugins(ClassLoader loader) {
        CustomObjects all = none();
        for (KinspectPlugin plugin : ServiceLoader.load(KinspectPlugin.class, loader)) {
            all = plugin.register(all);
        }
        return all;
    }

    /**
     * @param kerasName the registered name ({@code MyPkg>SmallPositive}) or the class name
     * @param factory makes the initializer from its saved configuration
     * @return this set with the initializer
     */
    public CustomObjects withInitializer(String kerasName, InitializerFactory factory) {
        Map<String, InitializerFactory> more = new LinkedHashMap<>(initializers);
        more.put(kerasName, factory);
        return new CustomObjects(more, layers, lambdas);
    }

    /**
     * @param kerasName the registered name ({@code MyPkg>ScaleShift}) or the class name
     * @param mapper DL4J's mapper for it: builds the DL4J layer and takes the Keras weights
     * @return this set with the layer
     */
    public CustomObjects withLayer(String kerasName, Class<? extends KerasLayer> mapper) {
        Map<String, Class<? extends KerasLayer>> more = new LinkedHashMap<>(layers);
        more.put(kerasName, mapper);
        return new CustomObjects(initializers, more, lambdas);
    }

    /**
     * @param layerOrFunctionName the Lambda layer's name, or the name of the Python function it calls
     * @param replacement what the Lambda computes, in SameDiff
     * @return this set with the replacement
     */
    public CustomObjects withLambda(String layerOrFunctionName, SameDiffLambdaLayer replacement) {
        Map<String, SameDiffLambdaLayer> more = new LinkedHashMap<>(lambdas);
        more.put(layerOrFunctionName, replacement);
        return new CustomObjects(initializers, layers, more);
    }

    /**
     * @param other another set
     * @return both sets; the other's entries win where both name the same object
     */
    public CustomObjects with(CustomObjects other) {
        Map<String, InitializerFactory> allInitializers = new LinkedHashMap<>(initializers);
        allInitializers.putAll(other.initializers);
        Map<String, Class<? extends KerasLayer>> allLayers = new LinkedHashMap<>(layers);
        allLayers.putAll(other.layers);
        Map<String, SameDiffLambdaLayer> allLambdas = new LinkedHashMap<>(lambdas);
        allLambdas.putAll(other.lambdas);
        return new CustomObjects(allInitializers, allLayers, allLambdas);
    }

    /**
     * @param spec an initializer a configuration names
     * @return its registered implementation: by registered name first, then by class name
     */
    public Optional<InitializerFactory> initializer(InitializerSpec spec) {
        return Optional.ofNullable(spec.registeredName()).map(initializers::get)
                .or(() -> Optional.ofNullable(initializers.get(spec.className())));
    }

    /**
     * @param className a layer's Keras class name
     * @param registeredName its Keras 3 registered name, or null
     * @return its registered mapper
     */
    public Optional<Class<? extends KerasLayer>> layer(String className, String registeredName) {
        return Optional.ofNullable(registeredName).map(layers::get)
                .or(() -> Optional.ofNullable(layers.get(className)));
    }

    /**
     * @param layerName a Lambda layer's name
     * @param functionName the Python function it calls, or null
     * @return its registered replacement: by layer name first, then by function name
     */
    public Optional<SameDiffLambdaLayer> lambda(String layerName, String functionName) {
        return Optional.ofNullable(lambdas.get(layerName))
                .or(() -> Optional.ofNullable(functionName).map(lambdas::get));
    }

    /** @return true when nothing is registered */
    public boolean isEmpty() {
        return initializers.isEmpty() && layers.isEmpty() && lambdas.isEmpty();
    }
}
