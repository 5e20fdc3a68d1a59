package org.kinspect.units;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a layer's units are in its output in Keras's layout: the last axis, or the first after the
 * batch for a {@code channels_first} convolution. The passes that work per unit ({@code units},
 * {@code diff}) turn each batch to {@code (batch, positions..., units)} with {@link #channelsLast}.
 *
 * <pre>{@code
 * UnitAxis axis = UnitAxis.of(channelsFirst);
 * INDArray byUnit = axis.channelsLast(conv);   // (batch, 8, 8, 16) from (batch, 16, 8, 8)
 * int units = axis.unitCount(conv);            // 16
 * }</pre>
 *
 * @param channelsFirst whether the layer's units are on axis 1 (a {@code channels_first} layer)
 */
public record UnitAxis(boolean channelsFirst) {

    /**
     * @param channelsFirst whether the layer's units are on axis 1
     * @return the axis
     */
    public static UnitAxis of(boolean channelsFirst) {
        return new UnitAxis(channelsFirst);
    }

    /**
     * @param output a layer's output, batch first
     * @return how many units it has: 1 for an output with one value per example
     */
    public int unitCount(INDArray output) {
        if (output.rank() < 2) {
            return 1;
        }
        long units = channelsFirst && output.rank() > 2 ? output.size(1) : output.size(output.rank() - 1);
        return Math.toIntExact(units);
    }

    /**
     * @param output a layer's output, batch first, in Keras's layout
     * @return the same values as {@code (batch, positions..., units)}
     */
    public INDArray channelsLast(INDArray output) {
        if (output.rank() < 2) {
            return output.reshape(output.length(), 1);
        }
        if (!channelsFirst || output.rank() == 2) {
            return output;
        }
        int[] order = new int[output.rank()];
        order[0] = 0;
        for (int axis = 2; axis < order.length; axis++) {
            order[axis - 1] = axis;
        }
        order[order.length - 1] = 1;
        return output.permute(order).dup('c');
    }
}
