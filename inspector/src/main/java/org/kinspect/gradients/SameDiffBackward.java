package org.kinspect.gradients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass of a DL4J SameDiff layer (kinspect's LayerNormalization, RMSNormalization,
 * GroupNormalization, UnitNormalization...), by SameDiff's autodiff of
 * {@code sum(layer(input) * epsilon)}. DL4J 1.0.0-M2.1's own {@code SameDiffLayer.backpropGradient}
 * feeds the incoming gradient through an {@code ExternalErrorsFunction}, and SameDiff counts that
 * function's gradient twice: every input and parameter gradient comes out exactly doubled (a bare
 * {@code x * g} gives {@code 2 epsilon g}). Here the layer's own {@code defineLayer} is built again
 * with the incoming gradient as an ordinary placeholder and a scalar loss, which SameDiff
 * differentiates correctly.
 *
 * <pre>{@code
 * Pair<Gradient, INDArray> result = SameDiffBackward.of(layer, epsilon);
 * }</pre>
 */
final class SameDiffBackward {
    private static final String INPUT = "input";
    private static final String MASK = "mask";
    private static final String EPSILON = "kinspect_epsilon";
    /** Multiplies the input by 1: SameDiff differentiates only graphs with a variable, and some layers have none. */
    private static final String ONE = "kinspect_one";

    private SameDiffBackward() {
    }

    /**
     * @param layer a SameDiff layer that ran forward and still holds its input
     * @param epsilon the gradient of the target with respect to its output, DL4J's layout
     * @return the gradients of its parameters (DL4J's names and shapes) and of its input (DL4J's layout)
     */
    static Pair<Gradient, INDArray> of(SameDiffLayer layer, INDArray epsilon) {
        org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer settings =
                (org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer) layer.conf().getLayer();
        Map<String, INDArray> parameterValues = layer.paramTable(false);
        DataType type = parameterValues.isEmpty() ? epsilon.dataType()
                : parameterValues.values().iterator().next().dataType();
        INDArray input = layer.getInput().castTo(type);

        SameDiff sameDiff = SameDiff.create();
        SDVariable inputVariable = sameDiff.placeHolder(INPUT, type, openBatch(input.shape()));
        SDVariable one = sameDiff.var(ONE, Nd4j.scalar(type, 1.0));
        Map<String, SDVariable> parameters = new LinkedHashMap<>();
        parameterValues.forEach((name, values) -> parameters.put(name, sameDiff.var(name, values.castTo(type).dup())));
        SDVariable mask = sameDiff.placeHolder(MASK, type, openBatch(settings.onesMaskForInput(input).shape()));
        SDVariable output = settings.defineLayer(sameDiff, inputVariable.mul(one), parameters, mask);
        SDVariable incoming = sameDiff.placeHolder(EPSILON, type, openBatch(epsilon.shape()));
        output.mul(incoming).sum().markAsLoss();
        sameDiff.createGradFunction(INPUT);

        Map<String, INDArray> feed = new HashMap<>();
        feed.put(INPUT, input);
        feed.put(MASK, settings.onesMaskForInput(input).castTo(type));
        feed.put(EPSILON, epsilon.castTo(type));
        List<String> wanted = new ArrayList<>(parameters.keySet());
        wanted.add(INPUT);
        Map<String, INDArray> gradients = sameDiff.calculateGradients(feed, wanted);

        Gradient parameterGradients = new DefaultGradient();
        parameterValues.forEach((name, values) -> parameterGradients.setGradientFor(name,
                gradients.get(name).reshape(values.shape()).dup()));
        return new Pair<>(parameterGradients, gradients.get(INPUT).reshape(layer.getInput().shape()).dup());
    }

    /** @return the shape with its batch axis open, as DL4J's SameDiff layers declare their placeholders */
    private static long[] openBatch(long[] shape) {
        long[] open = shape.clone();
        open[0] = -1;
        return open;
    }
}
