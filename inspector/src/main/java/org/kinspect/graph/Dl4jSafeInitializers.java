package org.kinspect.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kinspect.custom.InitializerSpec;
import org.kinspect.custom.KerasInitializer;
import org.kinspect.initializers.BuiltInInitializers;
import org.kinspect.initializers.ConstantInitializer;
import org.kinspect.initializers.Fans;
import org.kinspect.initializers.IdentityInitializer;
import org.kinspect.initializers.InitializerFields;
import org.kinspect.initializers.OrthogonalInitializer;
import org.kinspect.initializers.RandomNormalInitializer;
import org.kinspect.initializers.RandomUniformInitializer;
import org.kinspect.initializers.TruncatedNormalInitializer;
import org.kinspect.initializers.VarianceScalingInitializer;

/**
 * Rewrites every initializer of a layer configuration into a form DL4J's mappers read without
 * failing. DL4J throws on an initializer it does not know and on fields it expects as doubles
 * that JSON gives as integers; yet an imported model's weights come from the file, so the
 * initializer never matters to what it computes (kinspect re-creates initial weights itself, see
 * {@link org.kinspect.initializers.InitialWeights}). Built-in ones keep their distribution in
 * DL4J's Keras 2 vocabulary; custom and unknown ones become Zeros.
 */
final class Dl4jSafeInitializers {

    private Dl4jSafeInitializers() {}

    /**
     * @param layerConfig a layer configuration DL4J will read, changed in place
     * @param kerasMajorVersion the Keras that wrote it
     */
    static void rewrite(Map<String, Object> layerConfig, int kerasMajorVersion) {
        InitializerFields.forEachField(layerConfig, (owner, field) -> {
            Optional<InitializerSpec> spec = InitializerSpec.of(owner.get(field));
            if (spec.isEmpty()) {
                return;
            }
            Optional<KerasInitializer> builtIn = BuiltInInitializers.of(spec.get(), kerasMajorVersion, Fans::of);
            if (kerasMajorVersion == 1) {
                // DL4J's Keras 1 mappers read the name alone, and know every Keras 1 name.
                owner.put(field, builtIn.isPresent() && owner.get(field) instanceof String ? owner.get(field) : "zero");
            } else {
                owner.put(field, builtIn.map(Dl4jSafeInitializers::keras2Form).orElseGet(() -> object("Zeros", Map.of())));
            }
        });
    }

    private static Map<String, Object> keras2Form(KerasInitializer initializer) {
        if (initializer instanceof ConstantInitializer constant) {
            return object("Constant", Map.of("value", constant.value()));
        } else if (initializer instanceof RandomNormalInitializer normal) {
            return object("RandomNormal", Map.of("mean", normal.mean(), "stddev", normal.stddev()));
        } else if (initializer instanceof RandomUniformInitializer uniform) {
            return object("RandomUniform", Map.of("minval", uniform.min(), "maxval", uniform.max()));
        } else if (initializer instanceof TruncatedNormalInitializer truncated) {
            return object("TruncatedNormal", Map.of("mean", truncated.mean(), "stddev", truncated.stddev()));
        } else if (initializer instanceof VarianceScalingInitializer scaling) {
            // DL4J knows "normal" and "uniform" only.
            String distribution = scaling.distribution().equals("uniform") ? "uniform" : "normal";
            return object("VarianceScaling", Map.of("scale", scaling.scale(), "mode", scaling.mode(),
                    "distribution", distribution));
        } else if (initializer instanceof OrthogonalInitializer orthogonal) {
            return object("Orthogonal", Map.of("gain", orthogonal.gain()));
        } else if (initializer instanceof IdentityInitializer identity) {
            return object("Identity", Map.of("gain", identity.gain()));
        }
        return object("Zeros", Map.of());
    }

    private static Map<String, Object> object(String className, Map<String, Object> config) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("class_name", className);
        object.put("config", new LinkedHashMap<>(config));
        return object;
    }
}
