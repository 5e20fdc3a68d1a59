package org.kinspect.graph.normalization;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * A layer input's Keras layout next to DL4J's: the permutation that turns DL4J's array into
 * Keras's ({@code [batch, features, steps]} into {@code [batch, steps, features]}), Keras's shape
 * without the batch axis, and the Keras axes a layer works on, counted with the batch axis as
 * Keras counts them. Layers that normalise over Keras axes permute to Keras's layout, work there
 * and permute back, so that their weights keep Keras's shape.
 *
 * <pre>{@code
 * KerasAxes axes = KerasAxes.of(InputType.recurrent(6, 4, RNNFormat.NCW), List.of(-1), "ln");
 * axes.toKeras();  // [0, 2, 1]
 * axes.axes();     // [2]
 * }</pre>
 *
 * @param toKeras the permutation of DL4J's array giving Keras's layout, null when they are the same
 * @param kerasShape Keras's shape of one example
 * @param axes the Keras axes (1 = the first after the batch), ascending
 */
public record KerasAxes(int[] toKeras, long[] kerasShape, int[] axes) {

    /**
     * @param input DL4J's type of the layer input
     * @param kerasAxes the configuration's axes (negative from the end)
     * @param layerName for messages
     * @return the layout
     * @throws UnsupportedKerasConfigurationException for inputs of unknown size along an axis
     */
    public static KerasAxes of(InputType input, List<Integer> kerasAxes, String layerName)
            throws UnsupportedKerasConfigurationException {
        int[] toKeras = null;
        long[] shape;
        if (input instanceof InputType.InputTypeFeedForward feedForward) {
            shape = new long[] {feedForward.getSize()};
        } else if (input instanceof InputType.InputTypeRecurrent recurrent) {
            shape = new long[] {recurrent.getTimeSeriesLength(), recurrent.getSize()};
            toKeras = recurrent.getFormat() == RNNFormat.NCW ? new int[] {0, 2, 1} : null;
        } else if (input instanceof InputType.InputTypeConvolutional convolutional) {
            shape = new long[] {convolutional.getHeight(), convolutional.getWidth(), convolutional.getChannels()};
            toKeras = convolutional.getFormat() == CNN2DFormat.NCHW ? new int[] {0, 2, 3, 1} : null;
        } else {
            throw new UnsupportedKerasConfigurationException("layer '" + layerName + "': input " + input
                    + " is not supported");
        }
        int rank = shape.length + 1;
        int[] axes = kerasAxes.stream().mapToInt(axis -> axis < 0 ? rank + axis : axis).sorted().distinct().toArray();
        for (int axis : axes) {
            if (axis <= 0 || axis >= rank) {
                throw new UnsupportedKerasConfigurationException("layer '" + layerName + "': axis " + kerasAxes
                        + " is not supported for a rank-" + rank + " input (the batch axis cannot be normalised)");
            }
            if (shape[axis - 1] <= 0) {
                throw new UnsupportedKerasConfigurationException("layer '" + layerName + "': axis " + axis
                        + " has no fixed length in the model (Keras shape " + Arrays.toString(shape) + ")");
            }
        }
        return new KerasAxes(toKeras, shape, axes);
    }

    /** @return the permutation back from Keras's layout to DL4J's, or null */
    public int[] toDl4j() {
        if (toKeras == null) {
            return null;
        }
        int[] inverse = new int[toKeras.length];
        for (int i = 0; i < toKeras.length; i++) {
            inverse[toKeras[i]] = i;
        }
        return inverse;
    }

    /** @return the shape of a weight over the axes, broadcastable in Keras's layout: 1 elsewhere */
    public long[] weightShape() {
        long[] shape = new long[kerasShape.length + 1];
        Arrays.fill(shape, 1);
        for (int axis : axes) {
            shape[axis] = kerasShape[axis - 1];
        }
        return shape;
    }

    /**
     * @param configured the configuration's {@code axis}: a number or a list of numbers
     * @return the axes as a list
     */
    public static List<Integer> parse(Object configured) {
        if (configured instanceof Number number) {
            return List.of(number.intValue());
        }
        if (configured instanceof List<?> list) {
            return list.stream().map(axis -> ((Number) axis).intValue()).toList();
        }
        return List.of(-1);
    }
}
