package org.kinspect.initializers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.custom.CustomObjects;
import org.kinspect.custom.InitializerSpec;

/**
 * The initializers a model names that are neither Keras's nor registered, as one line: they do
 * not matter to a model imported with its weights, but re-initialising it cannot re-create them.
 *
 * <pre>{@code
 * UnknownInitializers.of(spec, CustomObjects.none()).ifPresent(warnings::add);
 * // unknown Keras initializer 'MyPkg>SmallPositive' (used by lstm.recurrent_initializer, dense.kernel_initializer): ...
 * }</pre>
 */
public final class UnknownInitializers {

    private UnknownInitializers() {}

    /**
     * @param spec the model
     * @param custom the registered custom objects
     * @return one line naming every unknown initializer and the layer fields that use it; empty
     *     when all are known
     */
    public static Optional<String> of(ModelSpec spec, CustomObjects custom) {
        InitializerResolver resolver = new InitializerResolver(custom, spec.kerasMajorVersion());
        Map<String, List<String>> usesByName = new LinkedHashMap<>();
        for (LayerSpec layer : spec.layers()) {
            InitializerFields.forEach(layer.config(), (field, value) -> InitializerSpec.of(value)
                    .filter(initializer -> !resolver.knows(initializer))
                    .ifPresent(initializer -> usesByName.computeIfAbsent(initializer.displayName(),
                            name -> new ArrayList<>()).add(layer.name() + "." + field)));
        }
        if (usesByName.isEmpty()) {
            return Optional.empty();
        }
        List<String> described = new ArrayList<>();
        usesByName.forEach((name, uses) -> described.add("'" + name + "' (used by " + String.join(", ", uses) + ")"));
        return Optional.of((usesByName.size() == 1 ? "unknown Keras initializer " : "unknown Keras initializers ")
                + String.join(", ", described)
                + ": the file's weights are used as they are; to re-initialise those weights, register a Java"
                + " implementation (CustomObjects.withInitializer, or kinspect --plugin)");
    }
}
