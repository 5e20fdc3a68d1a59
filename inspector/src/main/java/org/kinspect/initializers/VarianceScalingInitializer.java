package org.kinspect.initializers;

import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.kinspect.custom.KerasInitializer;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code VarianceScaling(scale, mode, distribution)}, and through it GlorotNormal/Uniform,
 * HeNormal/Uniform and LecunNormal/Uniform: the variance is {@code scale / n} with {@code n} the
 * weight's fan-in, fan-out or their average ({@link Fans}, at least 1).
 *
 * <ul>
 *   <li>{@code truncated_normal} (and {@code normal}, its Keras 2.2.3+ name): a normal cut at two
 *       standard deviations, its stddev divided by 0.87962566103423978 (the stddev of a unit normal
 *       cut at ±2) so that the values keep the variance asked for;
 *   <li>{@code untruncated_normal}: a plain normal of that variance;
 *   <li>{@code uniform}: uniform within ±{@code sqrt(3 * scale / n)}.
 * </ul>
 *
 * <pre>{@code
 * KerasInitializer glorotUniform = new VarianceScalingInitializer(1.0, "fan_avg", "uniform", Fans::of);
 * }</pre>
 *
 * @param scale the scale (positive)
 * @param mode {@code fan_in}, {@code fan_out} or {@code fan_avg}
 * @param distribution {@code truncated_normal}, {@code normal}, {@code untruncated_normal} or {@code uniform}
 * @param fans how the weight's fans are counted from its Keras shape
 */
public record VarianceScalingInitializer(double scale, String mode, String distribution, Function<long[], Fans> fans)
        implements KerasInitializer {
    private static final double TRUNCATED_UNIT_NORMAL_STDDEV = 0.87962566103423978;

    public VarianceScalingInitializer {
        mode = mode.toLowerCase(Locale.ROOT);
        distribution = distribution.toLowerCase(Locale.ROOT);
        if (!(mode.equals("fan_in") || mode.equals("fan_out") || mode.equals("fan_avg"))) {
            throw KinspectException.modelFile("VarianceScaling mode '" + mode + "' is not fan_in, fan_out or fan_avg");
        }
        if (!(distribution.equals("truncated_normal") || distribution.equals("normal")
                || distribution.equals("untruncated_normal") || distribution.equals("uniform"))) {
            throw KinspectException.modelFile("VarianceScaling distribution '" + distribution
                    + "' is not truncated_normal, untruncated_normal or uniform");
        }
    }

    /**
     * @param shape a weight's Keras shape
     * @return the variance its values get
     */
    public double variance(long[] shape) {
        Fans counted = fans.apply(shape);
        double units = switch (mode) {
            case "fan_in" -> counted.in();
            case "fan_out" -> counted.out();
            default -> (counted.in() + counted.out()) / 2;
        };
        return scale / Math.max(1.0, units);
    }

    @Override
    public INDArray create(long[] shape, Random random) {
        double variance = variance(shape);
        return switch (distribution) {
            case "uniform" -> {
                double limit = Math.sqrt(3 * variance);
                yield Draws.uniform(shape, -limit, limit, random);
            }
            case "untruncated_normal" -> Draws.normal(shape, 0, Math.sqrt(variance), random);
            default -> Draws.truncatedNormal(shape, 0, Math.sqrt(variance) / TRUNCATED_UNIT_NORMAL_STDDEV, random);
        };
    }
}
