package org.kinspect.initializers;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.kinspect.custom.InitializerSpec;
import org.kinspect.custom.KerasConfigValues;
import org.kinspect.custom.KerasInitializer;

/**
 * Keras's built-in initializers by every name Keras 1, 2 and 3 save them under (class names,
 * snake_case names and the old aliases), with Keras's defaults for missing fields.
 *
 * <pre>{@code
 * BuiltInInitializers.of(spec, 2, Fans::of); // VarianceScalingInitializer[scale=1.0, mode=fan_avg, ...]
 * }</pre>
 */
public final class BuiltInInitializers {

    private BuiltInInitializers() {}

    /**
     * @param spec the initializer as the configuration names it
     * @param kerasMajorVersion the Keras that wrote it: Keras 1 names mean other distributions
     * @param fans how fans are counted for the layer (Keras 1 channels-first kernels differ)
     * @return the Java initializer, or empty when the name is not one of Keras's
     */
    public static Optional<KerasInitializer> of(InitializerSpec spec, int kerasMajorVersion, Function<long[], Fans> fans) {
        Map<String, Object> config = spec.config();
        String name = spec.className().replace("_", "").toLowerCase(Locale.ROOT);
        if (kerasMajorVersion == 1) {
            Optional<KerasInitializer> keras1 = keras1(name, config, fans);
            if (keras1.isPresent()) {
                return keras1;
            }
        }
        Function<long[], Fans> counted = fans;
        int[] inputAxes = KerasConfigValues.axes(config, "input_axes");
        int[] outputAxes = KerasConfigValues.axes(config, "output_axes");
        if (inputAxes != null && outputAxes != null) {
            counted = shape -> Fans.of(shape, inputAxes, outputAxes);
        }
        KerasInitializer initializer = switch (name) {
            case "zeros", "zero" -> new ConstantInitializer(0);
            case "ones", "one" -> new ConstantInitializer(1);
            case "constant" -> new ConstantInitializer(KerasConfigValues.number(config, "value", 0));
            case "randomnormal", "normal" -> new RandomNormalInitializer(
                    KerasConfigValues.number(config, "mean", 0), KerasConfigValues.number(config, "stddev", 0.05));
            case "randomuniform", "uniform" -> new RandomUniformInitializer(
                    KerasConfigValues.number(config, "minval", -0.05), KerasConfigValues.number(config, "maxval", 0.05));
            case "truncatednormal" -> new TruncatedNormalInitializer(
                    KerasConfigValues.number(config, "mean", 0), KerasConfigValues.number(config, "stddev", 0.05));
            case "variancescaling" -> new VarianceScalingInitializer(KerasConfigValues.number(config, "scale", 1),
                    KerasConfigValues.text(config, "mode", "fan_in"),
                    KerasConfigValues.text(config, "distribution", "truncated_normal"), counted);
            case "glorotnormal" -> new VarianceScalingInitializer(1, "fan_avg", "truncated_normal", counted);
            case "glorotuniform" -> new VarianceScalingInitializer(1, "fan_avg", "uniform", counted);
            case "henormal" -> new VarianceScalingInitializer(2, "fan_in", "truncated_normal", counted);
            case "heuniform" -> new VarianceScalingInitializer(2, "fan_in", "uniform", counted);
            case "lecunnormal" -> new VarianceScalingInitializer(1, "fan_in", "truncated_normal", counted);
            case "lecununiform" -> new VarianceScalingInitializer(1, "fan_in", "uniform", counted);
            case "orthogonal", "orthogonalinitializer" -> new OrthogonalInitializer(
                    KerasConfigValues.number(config, "gain", 1));
            case "identity", "identityinitializer" -> new IdentityInitializer(
                    KerasConfigValues.number(config, "gain", 1));
            default -> null;
        };
        return Optional.ofNullable(initializer);
    }

    /**
     * Keras 1's functions: its normals are not truncated, {@code normal}/{@code uniform} take a
     * {@code scale} of 0.05 and {@code orthogonal} a scale of 1.1.
     */
    private static Optional<KerasInitializer> keras1(String name, Map<String, Object> layerConfig,
            Function<long[], Fans> fans) {
        KerasInitializer initializer = switch (name) {
            case "normal" -> new RandomNormalInitializer(0, 0.05);
            case "uniform" -> new RandomUniformInitializer(-0.05, 0.05);
            case "glorotnormal" -> new VarianceScalingInitializer(1, "fan_avg", "untruncated_normal", fans);
            case "glorotuniform" -> new VarianceScalingInitializer(1, "fan_avg", "uniform", fans);
            case "henormal" -> new VarianceScalingInitializer(2, "fan_in", "untruncated_normal", fans);
            case "heuniform" -> new VarianceScalingInitializer(2, "fan_in", "uniform", fans);
            case "lecununiform" -> new VarianceScalingInitializer(1, "fan_in", "uniform", fans);
            case "orthogonal" -> new OrthogonalInitializer(1.1);
            case "identity" -> new IdentityInitializer(1);
            default -> null;
        };
        return Optional.ofNullable(initializer);
    }
}
