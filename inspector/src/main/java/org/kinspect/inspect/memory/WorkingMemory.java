package org.kinspect.inspect.memory;

import java.util.List;
import java.util.Map;
import org.kinspect.catalog.KerasClass;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.catalog.Recurrence;
import org.kinspect.config.LayerSpec;
import org.kinspect.shape.ConvolutionKernel;

/**
 * The scratch arrays a layer allocates while it runs, beyond its output, in values per example:
 * what DL4J 1.0.0-M2.1 allocates for the layer it imports the Keras layer as (the formulas of that
 * layer's {@code getMemoryReport}, with DL4J's default {@code CacheMode.NONE}), worked out from the
 * layer's configuration and the shapes kinspect's {@link org.kinspect.shape.ShapeModel} gives its
 * input and output.
 *
 * <ul>
 *   <li>{@code Conv1D}, {@code Conv2D} (DL4J's {@code ConvolutionLayer}, which a 1-D convolution
 *       runs as a 2-D one of height 1): the im2col array, one column per output position holding
 *       the kernel's window over every input channel, {@code inputChannels * outputPositions *
 *       kernelArea} values. Inference needs it once; training twice, as backprop builds it again
 *       and its 6-D epsilon array is the same size.
 *   <li>{@code LSTM} (DL4J's {@code LSTM}, {@code LSTMHelpers}): the four gates' pre-activations
 *       for every step, {@code 4 * steps * units}, at inference; in training also the six arrays
 *       per step kept for backprop (input, forget, output and block activations, memory cell
 *       state and its activation: {@code 6 * steps * units}) and backprop's own six of that size:
 *       {@code 16 * steps * units} in all.
 *   <li>{@code Bidirectional}: the wrapped layer's, twice (DL4J's {@code Bidirectional} report
 *       doubles every part of the wrapped layer's).
 *   <li>{@code Dense} (DL4J's {@code DenseLayer}): nothing at inference; in training backprop
 *       computes the pre-activation again, an array the size of the output.
 *   <li>A convolution or Dense layer whose DL4J layer has a dropout set (DL4J's Keras import sets
 *       one, keeping every value, on the layers it builds) also copies its input in training, as
 *       {@code BaseLayer.applyDropOutIfNecessary} does: the input's size more.
 * </ul>
 * Every other layer (pooling, merges, reshapes, but also GRU, SimpleRNN and the convolutions of
 * other kinds) counts none here, so for a model whose hungriest layer is one of those the working
 * memory is a lower bound.
 *
 * <pre>{@code
 * // Conv2D(32, 3x3, same) on 50x50x3: 3 * (50*50) * (3*3) = 67,500 values per example at inference.
 * WorkingMemory.Values values = WorkingMemory.perExample(conv, List.of(50L, 50L, 3L), List.of(50L, 50L, 32L), false);
 * }</pre>
 */
final class WorkingMemory {

    /**
     * @param inference values per example while the layer runs forward
     * @param training values per example while it runs forward and back in training
     * @param contents what the arrays are, in a few words; null when there are none
     */
    record Values(long inference, long training, String contents) {
        static final Values NONE = new Values(0, 0, null);

        Values twice(String what) {
            return new Values(2 * inference, 2 * training, contents + ", " + what);
        }
    }

    private WorkingMemory() {}

    /**
     * @param layer the layer
     * @param input its (first) input's sizes for one example, open sizes already filled in
     * @param output its output's sizes for one example, open sizes already filled in
     * @param dropoutCopy true when its DL4J layer has a dropout set, so training copies its input
     * @return its scratch values per example; {@link Values#NONE} for a layer without a formula
     */
    static Values perExample(LayerSpec layer, List<Long> input, List<Long> output, boolean dropoutCopy) {
        String kerasClass = KerasClasses.find(layer.className()).map(KerasClass::name).orElse(layer.className());
        Values values = withoutDropout(kerasClass, layer, input, output);
        // DL4J's reports count the copy for these layers only (its LSTM report leaves it out).
        boolean copies = dropoutCopy && values != Values.NONE && List.of("Conv1D", "Conv2D", "Dense").contains(kerasClass);
        return copies ? new Values(values.inference(), values.training() + product(input),
                values.contents() + " and its input's dropout copy") : values;
    }

    private static Values withoutDropout(String kerasClass, LayerSpec layer, List<Long> input, List<Long> output) {
        // A shape of another rank (after a Lambda whose shape Keras did not record) has no formula.
        int dimensions = kerasClass.equals("Conv1D") ? 1 : 2;
        if ((kerasClass.equals("Conv1D") || kerasClass.equals("Conv2D"))
                && input.size() == dimensions + 1 && output.size() == dimensions + 1) {
            return convolution(layer, input, output, dimensions);
        }
        boolean sequence = input.size() == 2; // (steps, features)
        if (sequence && KerasClasses.is(kerasClass, recurrence -> recurrence == Recurrence.LSTM)) {
            return lstm(layer.config(), input);
        }
        if (sequence && kerasClass.equals("Bidirectional") && layer.config().get("layer") instanceof Map<?, ?> wrapped
                && wrapped.get("config") instanceof Map<?, ?> inner
                && KerasClasses.is(String.valueOf(wrapped.get("class_name")), recurrence -> recurrence == Recurrence.LSTM)) {
            return lstm(inner, input).twice("for each direction");
        }
        if (kerasClass.equals("Dense")) {
            return new Values(0, product(output), "pre-activation again in backprop");
        }
        return Values.NONE;
    }

    private static Values convolution(LayerSpec layer, List<Long> input, List<Long> output, int dimensions) {
        boolean channelsFirst = "channels_first".equals(layer.dataFormat());
        long inputChannels = channelsFirst ? input.get(0) : input.get(input.size() - 1);
        List<Long> outputPositions = channelsFirst ? output.subList(1, output.size()) : output.subList(0, output.size() - 1);
        long kernelArea = 1;
        for (int size : ConvolutionKernel.sizes(layer, dimensions)) {
            kernelArea = Math.multiplyExact(kernelArea, size);
        }
        long im2col = Math.multiplyExact(Math.multiplyExact(inputChannels, product(outputPositions)), kernelArea);
        return new Values(im2col, 2 * im2col, "im2col array");
    }

    private static Values lstm(Map<?, ?> config, List<Long> input) {
        Object units = config.get("units") != null ? config.get("units") : config.get("output_dim");
        long steps = input.get(0);
        long stepUnits = Math.multiplyExact(steps, ((Number) units).longValue());
        return new Values(4 * stepUnits, (4 + 6 + 6) * stepUnits,
                "gate arrays for every step");
    }

    private static long product(List<Long> sizes) {
        long product = 1;
        for (long size : sizes) {
            product = Math.multiplyExact(product, size);
        }
        return product;
    }
}
