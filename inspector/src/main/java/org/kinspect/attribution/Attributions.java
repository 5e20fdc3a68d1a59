package org.kinspect.attribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.gradients.GradientTarget;
import org.kinspect.gradients.Gradients;
import org.kinspect.safety.Memory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The attribution methods, each from the model's gradients in inference mode.
 *
 * <pre>{@code
 * Map<String, INDArray> saliency = Attributions.saliency(model, inputs, GradientTarget.outputUnit(3));
 * Map<String, INDArray> smooth = Attributions.smoothGrad(model, inputs, target, 25, 0.15, 42);
 * INDArray cam = Attributions.gradCam(model, inputs, target, "last_conv"); // (batch, rows, columns)
 * }</pre>
 */
public final class Attributions {
    private Attributions() {
    }

    /**
     * @return {@code |d target / d input|} for each input, in Keras's layout
     */
    public static Map<String, INDArray> saliency(InspectedModel model, Map<String, INDArray> inputs,
            GradientTarget target) {
        Map<String, INDArray> result = new LinkedHashMap<>();
        inputGradients(model, inputs, target).forEach((name, gradient) -> result.put(name, Transforms.abs(gradient)));
        return result;
    }

    /**
     * @return {@code d target / d input * input} for each input, in Keras's layout
     */
    public static Map<String, INDArray> gradientTimesInput(InspectedModel model, Map<String, INDArray> inputs,
            GradientTarget target) {
        Map<String, INDArray> result = new LinkedHashMap<>();
        inputGradients(model, inputs, target).forEach((name, gradient) -> result.put(name,
                gradient.mul(inputs.get(name).castTo(DataType.FLOAT))));
        return result;
    }

    /**
     * SmoothGrad: the mean gradient over copies of the inputs with Gaussian noise added.
     *
     * @param samples how many noisy copies (Smilkov et al. use 50)
     * @param noiseLevel the noise's standard deviation as a fraction of each input's range (max - min)
     * @param seed the seed of the noise, so a run can be repeated
     * @return the mean gradient for each input, in Keras's layout
     */
    public static Map<String, INDArray> smoothGrad(InspectedModel model, Map<String, INDArray> inputs,
            GradientTarget target, int samples, double noiseLevel, long seed) {
        if (samples < 1) {
            throw KinspectException.input("SmoothGrad needs at least one sample, not " + samples);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, INDArray> sum = new LinkedHashMap<>();
        for (int sample = 0; sample < samples; sample++) {
            Map<String, INDArray> noisy = new LinkedHashMap<>();
            inputs.forEach((name, input) -> {
                INDArray values = input.castTo(DataType.FLOAT);
                double range = values.maxNumber().doubleValue() - values.minNumber().doubleValue();
                float[] noise = new float[(int) values.length()];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) (gaussian(random) * noiseLevel * range);
                }
                noisy.put(name, values.add(Nd4j.create(noise, values.shape(), 'c')));
            });
            inputGradients(model, noisy, target).forEach((name, gradient) -> sum.merge(name, gradient, INDArray::add));
        }
        sum.replaceAll((name, total) -> total.div(samples));
        return sum;
    }

    /**
     * Integrated Gradients: {@code (x - baseline)} times the mean gradient along the straight path
     * from the baseline to x, the mean taken by {@link AdaptiveMidpoint}'s rule (the midpoint rule
     * on intervals cut finer, for each example, where its gradient changes most) from {@code steps}
     * gradients of the batch.
     *
     * @param baseline one array per input, or {@code null} for zeros
     * @param steps how many gradients to take along the path (64 keeps the completeness gap under 1%
     *     on every gradient fixture of kinspect's tests)
     * @return the attributions and the completeness check of each example
     * @throws KinspectException when the baseline's shape is not the input's, or keeping one gradient
     *     per step (they are weighed at the end) needs more memory than there is
     */
    public static IntegratedGradients integratedGradients(InspectedModel model, Map<String, INDArray> inputs,
            GradientTarget target, Map<String, INDArray> baseline, int steps) {
        if (steps < 1) {
            throw KinspectException.input("Integrated Gradients needs at least one step, not " + steps);
        }
        Map<String, INDArray> start = new LinkedHashMap<>();
        Map<String, INDArray> difference = new LinkedHashMap<>();
        long elements = 0;
        for (Map.Entry<String, INDArray> entry : inputs.entrySet()) {
            String name = entry.getKey();
            INDArray input = entry.getValue().castTo(DataType.FLOAT);
            INDArray given = baseline == null ? null : baseline.get(name);
            if (given != null && !java.util.Arrays.equals(given.shape(), input.shape())) {
                throw KinspectException.input("the baseline for input '" + name + "' has shape "
                        + java.util.Arrays.toString(given.shape()) + ", the input " + java.util.Arrays.toString(input.shape()));
            }
            start.put(name, given == null ? Nd4j.zeros(DataType.FLOAT, input.shape()) : given.castTo(DataType.FLOAT));
            difference.put(name, input.sub(start.get(name)));
            elements += input.length();
        }
        Memory.require(4.0 * elements * steps, () -> "Integrated Gradients' " + steps + " gradients of the inputs",
                "use fewer --steps or fewer examples");
        int examples = (int) inputs.values().iterator().next().size(0);
        AdaptiveMidpoint path = new AdaptiveMidpoint(examples, steps);
        List<Map<String, INDArray>> gradients = new ArrayList<>();
        while (path.hasNext()) {
            INDArray alphas = Nd4j.createFromArray(path.next()).castTo(DataType.FLOAT).reshape(examples, 1);
            Map<String, INDArray> point = new LinkedHashMap<>();
            difference.forEach((name, change) -> point.put(name,
                    start.get(name).add(perExample(change, alphas))));
            Map<String, INDArray> gradient = inputGradients(model, point, target);
            double[] integrand = new double[examples];
            difference.forEach((name, change) -> {
                INDArray perElement = gradient.get(name).castTo(DataType.DOUBLE).mul(change.castTo(DataType.DOUBLE));
                double[] sums = perElement.reshape(examples, -1).sum(1).toDoubleVector();
                for (int example = 0; example < examples; example++) {
                    integrand[example] += sums[example];
                }
            });
            path.record(integrand);
            gradients.add(gradient);
        }
        double[][] weights = path.weights();
        Map<String, INDArray> attributions = new LinkedHashMap<>();
        difference.forEach((name, change) -> {
            INDArray mean = Nd4j.zeros(DataType.FLOAT, change.shape());
            for (int evaluation = 0; evaluation < gradients.size(); evaluation++) {
                float[] column = new float[examples];
                for (int example = 0; example < examples; example++) {
                    column[example] = (float) weights[example][evaluation];
                }
                mean.addi(perExample(gradients.get(evaluation).get(name).castTo(DataType.FLOAT),
                        Nd4j.create(column, new long[] {examples, 1}, 'c')));
            }
            attributions.put(name, mean.mul(change));
        });
        INDArray atInput = model.gradients(inputs, target, false).targetValues();
        INDArray atBaseline = model.gradients(start, target, false).targetValues();
        List<IntegratedGradients.Completeness> completeness = new ArrayList<>();
        for (int example = 0; example < atInput.length(); example++) {
            double attributed = 0;
            for (INDArray attribution : attributions.values()) {
                attributed += attribution.slice(example).castTo(DataType.DOUBLE).sumNumber().doubleValue();
            }
            completeness.add(new IntegratedGradients.Completeness(attributed,
                    atInput.getDouble(example) - atBaseline.getDouble(example)));
        }
        return new IntegratedGradients(attributions, completeness, steps, AdaptiveMidpoint.RULE);
    }

    /** @return each example's slice of the array times its own factor ({@code factors}: (batch, 1)) */
    private static INDArray perExample(INDArray array, INDArray factors) {
        return array.reshape(array.size(0), -1).mulColumnVector(factors).reshape(array.shape());
    }

    /**
     * Grad-CAM: the convolution's channels weighted by their mean gradient over the places, summed,
     * and negative values cut to zero.
     *
     * @param convolution a layer whose Keras output is (batch, rows, columns, channels) or (batch, steps, channels)
     * @return the map, (batch, rows, columns) or (batch, steps), at the layer's resolution
     * @throws KinspectException when the layer's output has no places and channels
     */
    public static INDArray gradCam(InspectedModel model, Map<String, INDArray> inputs, GradientTarget target,
            String convolution) {
        INDArray output = model.activation(convolution, inputs).castTo(DataType.FLOAT);
        if (output.rank() < 3) {
            throw KinspectException.input("Grad-CAM needs a layer with places and channels (a convolution);"
                    + " layer '" + convolution + "' gives shape " + java.util.Arrays.toString(output.shape()));
        }
        Gradients gradients = model.gradients(inputs, target);
        INDArray gradient = gradients.activations().get(convolution);
        if (gradient == null) {
            throw KinspectException.input("the target " + target.describe() + " does not depend on layer '"
                    + convolution + "'; choose a layer before it");
        }
        int channelAxis = output.rank() - 1;
        int[] places = java.util.stream.IntStream.range(1, channelAxis).toArray();
        INDArray channelWeights = gradient.mean(places); // (batch, channels)
        long[] broadcast = new long[output.rank()];
        java.util.Arrays.fill(broadcast, 1);
        broadcast[0] = output.size(0);
        broadcast[channelAxis] = output.size(channelAxis);
        INDArray weighted = output.mul(channelWeights.reshape(broadcast)).sum(channelAxis);
        return Transforms.relu(weighted, false);
    }

    private static Map<String, INDArray> inputGradients(InspectedModel model, Map<String, INDArray> inputs,
            GradientTarget target) {
        return model.gradients(inputs, target, false).inputs();
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
