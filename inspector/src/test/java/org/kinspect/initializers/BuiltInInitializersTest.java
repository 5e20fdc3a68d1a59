package org.kinspect.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.custom.InitializerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's built-in initializers in Java: sample mean, standard deviation and bounds of a large
 * draw against Keras's formulas (400,000 values: the sample std is within 0.5% of the true one
 * with overwhelming probability, so 1.5% bounds are safe), and the orthogonal and identity
 * properties exactly; then against what the real Keras 3 drew for untrained layers.
 */
class BuiltInInitializersTest {
    private static final long[] LARGE = {500, 800};              // fan_in 500, fan_out 800
    private static final long[] CONV = {5, 5, 40, 64};           // receptive field 25: fan_in 1000, fan_out 1600
    private static final double TRUNCATED_STD_FACTOR = 0.87962566103423978;

    @Test
    void varianceScalingFamiliesHaveKerasStandardDeviationsAndBounds() {
        // uniform within ±sqrt(3 * scale / n): std limit / sqrt(3)
        assertUniform(draw("GlorotUniform", Map.of(), LARGE), Math.sqrt(6.0 / 1300));
        assertUniform(draw("HeUniform", Map.of(), LARGE), Math.sqrt(6.0 / 500));
        assertUniform(draw("LecunUniform", Map.of(), CONV), Math.sqrt(3.0 / 1000));
        assertUniform(draw("VarianceScaling", Map.of("scale", 2, "mode", "fan_out", "distribution", "uniform"), CONV),
                Math.sqrt(6.0 / 1600));
        // truncated normal: stddev corrected so that the values keep variance scale / n, cut at 2 stddev
        assertTruncatedNormal(draw("GlorotNormal", Map.of(), LARGE), 0, Math.sqrt(2.0 / 1300) / TRUNCATED_STD_FACTOR);
        assertTruncatedNormal(draw("HeNormal", Map.of(), CONV), 0, Math.sqrt(2.0 / 1000) / TRUNCATED_STD_FACTOR);
        assertTruncatedNormal(draw("lecun_normal", Map.of(), LARGE), 0, Math.sqrt(1.0 / 500) / TRUNCATED_STD_FACTOR);
        assertTruncatedNormal(draw("VarianceScaling", Map.of("scale", 0.5, "mode", "fan_avg", "distribution", "normal"),
                LARGE), 0, Math.sqrt(0.5 / 650) / TRUNCATED_STD_FACTOR);
        INDArray untruncated = draw("VarianceScaling",
                Map.of("scale", 3, "mode", "fan_in", "distribution", "untruncated_normal"), LARGE);
        assertMoments(untruncated, 0, Math.sqrt(3.0 / 500));
        assertTrue(untruncated.amaxNumber().doubleValue() > 3.5 * Math.sqrt(3.0 / 500), "not truncated");
    }

    @Test
    void plainDistributionsUseTheirParameters() {
        assertMoments(draw("RandomNormal", Map.of("mean", 0.5, "stddev", 0.2), LARGE), 0.5, 0.2);
        assertMoments(draw("random_normal", Map.of(), LARGE), 0, 0.05);
        INDArray uniform = draw("RandomUniform", Map.of("minval", -0.3, "maxval", 0.1), LARGE);
        assertMoments(uniform, -0.1, 0.4 / Math.sqrt(12));
        assertTrue(uniform.minNumber().doubleValue() >= -0.3 && uniform.maxNumber().doubleValue() <= 0.1);
        assertTruncatedNormal(draw("TruncatedNormal", Map.of("mean", 0.1, "stddev", 0.2), LARGE), 0.1, 0.2);
        assertEquals(0.25, draw("Constant", Map.of("value", 0.25), LARGE).meanNumber().doubleValue(), 1e-7);
        assertEquals(2.0, draw("Constant", Map.of("value", 2), new long[] {3}).maxNumber().doubleValue(), 0);
        assertEquals(0.0, draw("Zeros", Map.of(), LARGE).amaxNumber().doubleValue(), 0);
        assertEquals(1.0, draw("ones", Map.of(), LARGE).minNumber().doubleValue(), 0);
    }

    @Test
    void orthogonalIsOrthogonalTimesItsGainWhicheverSideIsLonger() {
        INDArray wide = draw("Orthogonal", Map.of("gain", 2.0), new long[] {30, 120}).castTo(DataType.DOUBLE);
        assertTrue(wide.mmul(wide.transpose()).equalsWithEps(eye(30).mul(4), 1e-4));
        INDArray tall = draw("OrthogonalInitializer", Map.of(), new long[] {120, 30}).castTo(DataType.DOUBLE);
        assertTrue(tall.transpose().mmul(tall).equalsWithEps(eye(30), 1e-4));
        INDArray kernel = draw("orthogonal", Map.of(), new long[] {3, 3, 4, 8}).castTo(DataType.DOUBLE).reshape(36, 8);
        assertTrue(kernel.transpose().mmul(kernel).equalsWithEps(eye(8), 1e-4));
    }

    @Test
    void identityPutsItsGainOnTheDiagonal() {
        INDArray identity = draw("Identity", Map.of("gain", 1.5), new long[] {3, 4});
        INDArray expected = Nd4j.createFromArray(new float[][] {{1.5f, 0, 0, 0}, {0, 1.5f, 0, 0}, {0, 0, 1.5f, 0}});
        assertEquals(expected, identity);
    }

    @Test
    void keras1NamesMeanKeras1Distributions() {
        InitializerResolver keras1 = new InitializerResolver(org.kinspect.custom.CustomObjects.none(), 1);
        INDArray glorotNormal = keras1.resolve(new InitializerSpec("glorot_normal", null, Map.of()), Fans::of)
                .orElseThrow().create(LARGE, new Random(1));
        assertMoments(glorotNormal, 0, Math.sqrt(2.0 / 1300)); // not truncated in Keras 1
        INDArray orthogonal = keras1.resolve(new InitializerSpec("orthogonal", null, Map.of()), Fans::of)
                .orElseThrow().create(new long[] {20, 20}, new Random(1)).castTo(DataType.DOUBLE);
        assertTrue(orthogonal.mmul(orthogonal.transpose()).equalsWithEps(eye(20).mul(1.21), 1e-4));
        // Theano's channels-first kernels: (filters, channels, rows, columns)
        assertEquals(new Fans(40 * 25, 64 * 25), Fans.ofChannelsFirst(new long[] {64, 40, 5, 5}));
    }

    /** The real Keras 3 drew these untrained layers: ours come from the same distributions. */
    @Test
    void reinitialisedLayersMatchWhatKerasDrew() throws Exception {
        Path file = Path.of(getClass().getResource("/custom/builtin_initializers.h5").toURI());
        InspectedModel model = InspectedModel.open(file);
        InspectedModel fresh = model.reinitialized(11);
        for (String layer : List.of("glorot_uniform", "glorot_normal", "he_normal", "lecun_uniform",
                "variance_scaling", "truncated_normal", "random_uniform", "conv")) {
            INDArray keras = model.weights(layer).get("kernel").castTo(DataType.DOUBLE);
            INDArray ours = fresh.weights(layer).get("kernel").castTo(DataType.DOUBLE);
            double kerasStd = keras.stdNumber().doubleValue();
            double tolerance = 4 * kerasStd / Math.sqrt(keras.length()) * 3; // a few standard errors of each
            assertEquals(keras.meanNumber().doubleValue(), ours.meanNumber().doubleValue(), tolerance, layer + " mean");
            assertEquals(kerasStd, ours.stdNumber().doubleValue(), 0.05 * kerasStd, layer + " std");
            if (!layer.equals("variance_scaling")) { // the one unbounded distribution: its extremes vary
                assertEquals(keras.minNumber().doubleValue(), ours.minNumber().doubleValue(), 0.1 * kerasStd, layer + " min");
                assertEquals(keras.maxNumber().doubleValue(), ours.maxNumber().doubleValue(), 0.1 * kerasStd, layer + " max");
            }
        }
        assertEquals(0.25, fresh.weights("truncated_normal").get("bias").meanNumber().doubleValue(), 1e-7);
        assertEquals(List.of(), fresh.warnings());
        // the graph says its weights were drawn, the original's that they came from the file
        assertEquals(org.kinspect.graph.ParameterProvenance.Origin.INITIALIZER,
                ModelInternals.imported(fresh).provenance().of("conv").get("W").origin());
        assertEquals(org.kinspect.graph.ParameterProvenance.Origin.FILE,
                ModelInternals.imported(model).provenance().of("conv").get("W").origin());
        assertEquals(List.of(), ModelInternals.imported(model).provenance().notFromFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MyPkg>SmallPositive", "Unheard"})
    void anUnknownNameIsNotBuiltIn(String name) {
        assertTrue(BuiltInInitializers.of(new InitializerSpec(name, null, Map.of()), 3, Fans::of).isEmpty());
    }

    private static INDArray eye(int size) {
        return Nd4j.eye(size).castTo(DataType.DOUBLE);
    }

    private static INDArray draw(String name, Map<String, Object> config, long[] shape) {
        return BuiltInInitializers.of(new InitializerSpec(name, null, config), 3, Fans::of).orElseThrow()
                .create(shape, new Random(7));
    }

    private static void assertUniform(INDArray values, double limit) {
        assertMoments(values, 0, limit / Math.sqrt(3));
        assertTrue(values.amaxNumber().doubleValue() <= limit * (1 + 1e-6));
        assertTrue(values.amaxNumber().doubleValue() > limit * 0.99, "reaches near its limit");
    }

    /** A normal of {@code stddev} cut at ±2 stddev: values spread 0.8796 times stddev, within the cut. */
    private static void assertTruncatedNormal(INDArray values, double mean, double stddev) {
        assertMoments(values, mean, stddev * TRUNCATED_STD_FACTOR);
        double furthest = values.sub(mean).amaxNumber().doubleValue();
        assertTrue(furthest <= 2 * stddev * (1 + 1e-6) && furthest > 1.95 * stddev, "cut at 2 stddev: " + furthest);
    }

    private static void assertMoments(INDArray values, double mean, double stddev) {
        INDArray asDouble = values.castTo(DataType.DOUBLE);
        double standardError = stddev / Math.sqrt(values.length());
        assertEquals(mean, asDouble.meanNumber().doubleValue(), 6 * standardError, "mean");
        assertEquals(stddev, asDouble.stdNumber().doubleValue(), 0.015 * stddev, "std");
    }
}
