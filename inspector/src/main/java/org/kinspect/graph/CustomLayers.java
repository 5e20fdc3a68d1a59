package org.kinspect.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.custom.CustomObjects;
import org.kinspect.errors.KinspectException;

/**
 * Finds what DL4J needs for a model's custom layers and Lambda layers among the user's
 * {@link CustomObjects}, and refuses, naming the layer, those it cannot import: a Lambda holds
 * Python code (bytecode or a function's name), which kinspect never runs.
 *
 * <pre>{@code
 * Dl4jRegistry.Registrations registrations = CustomLayers.registrations(layers, spec, custom, "model.keras");
 * }</pre>
 */
final class CustomLayers {

    private CustomLayers() {}

    @SuppressWarnings("unchecked")
    static Dl4jRegistry.Registrations registrations(List<Object> layers, ModelSpec spec, CustomObjects custom,
            String source) {
        Map<String, Class<? extends KerasLayer>> mappers = new HashMap<>();
        Map<String, SameDiffLambdaLayer> lambdas = new HashMap<>();
        for (Object layerObject : layers) {
            Map<String, Object> layer = (Map<String, Object>) layerObject;
            String className = String.valueOf(layer.get("class_name"));
            Map<String, Object> config = (Map<String, Object>) layer.get("config");
            String name = String.valueOf(config.get("name"));
            // Keras 3's .h5 writes a custom layer's registered name as its class name.
            String registeredName = config.get("registered_name") instanceof String registered ? registered
                    : className.contains(">") ? className : null;
            if (className.equals("Lambda")) {
                String function = functionName(config);
                // A later call of a shared Lambda (doubled@1) runs the replacement registered for the Lambda.
                String kerasName = spec.layer(name).map(LayerSpec::weightsOwner).orElse(name);
                SameDiffLambdaLayer replacement = custom.lambda(kerasName, bareFunctionName(config)).orElseThrow(() -> KinspectException.unsupported(
                        source + ": layer '" + kerasName + "' is a Lambda running the Python function " + function
                        + ", which kinspect never executes; register a Java replacement (a SameDiffLambdaLayer):"
                        + " CustomObjects.withLambda(\"" + kerasName + "\", replacement), or in a --plugin jar"));
                // Each call its own copy: DL4J's mapper names the layer it is given.
                lambdas.put(name, kerasName.equals(name) ? replacement : (SameDiffLambdaLayer) replacement.clone());
                continue;
            }
            Optional<Class<? extends KerasLayer>> mapper = custom.layer(className, registeredName);
            if (mapper.isPresent()) {
                mappers.put(className, mapper.get());
            } else if (registeredName != null) {
                throw KinspectException.unsupported(source + ": layer '" + name + "' is of the custom class '" + registeredName
                        + "', which kinspect does not know; register a Java implementation (a DL4J KerasLayer mapper):"
                        + " CustomObjects.withLayer(\"" + registeredName + "\", Mapper.class), or in a --plugin jar");
            }
        }
        return new Dl4jRegistry.Registrations(mappers, lambdas);
    }

    /**
     * The function's name as the configuration shows it: a named function's name, or
     * {@code <lambda>} for an anonymous one (Keras saves its bytecode only).
     */
    private static String functionName(Map<String, Object> config) {
        Object function = config.get("function");
        if (function instanceof String name && !"lambda".equals(config.get("function_type"))) {
            return "'" + name + "'";
        }
        if (function instanceof Map<?, ?> object && object.get("config") instanceof String name) {
            return "'" + name + "'";
        }
        return "<lambda> (an anonymous lambda, saved as bytecode)";
    }

    /** @return the bare name of a named function, for looking up a replacement; null for a lambda */
    static String bareFunctionName(Map<String, Object> config) {
        String shown = functionName(config);
        return shown.startsWith("'") ? shown.substring(1, shown.length() - 1) : null;
    }
}
