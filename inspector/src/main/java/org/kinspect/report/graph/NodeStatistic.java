package org.kinspect.report.graph;

import java.util.Locale;
import java.util.Map;
import org.kinspect.config.LayerSpec;
import org.kinspect.gates.GateStatistics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The number a node is coloured by, from the layer's output over the whole batch.
 *
 * <pre>{@code
 * double dead = NodeStatistic.DEAD_UNITS.of(layer, activation, false); // 0.25: a quarter of its units never fire
 * }</pre>
 */
public enum NodeStatistic {
    /**
     * The fraction of units (channels: the last axis, or the first after the batch for
     * {@code channels_first}) that are exactly zero at every position of every example: dead units.
     */
    DEAD_UNITS("dead-units", "dead-unit fraction", true),
    /**
     * For a layer whose activation is sigmoid-like ({@code sigmoid}, {@code hard_sigmoid}) or
     * tanh-like ({@code tanh}, {@code softsign}, and the recurrent layers' output), the fraction of
     * values in the flat ends of the curve: mapped to 0..1, below {@link GateStatistics#CLOSED} or
     * above {@link GateStatistics#OPEN}, as the gate charts count them. No value for other layers.
     */
    SATURATION("saturation", "saturated fraction (sigmoid/tanh units)", true),
    /** The mean absolute value of the output. */
    MEAN_ABSOLUTE("mean-abs", "mean |activation|", false);

    private final String optionName;
    private final String description;
    private final boolean fraction;

    NodeStatistic(String optionName, String description, boolean fraction) {
        this.optionName = optionName;
        this.description = description;
        this.fraction = fraction;
    }

    /** @return its name on the command line: {@code dead-units}, {@code saturation}, {@code mean-abs} */
    public String optionName() {
        return optionName;
    }

    /** @return what it is, for the legend */
    public String description() {
        return description;
    }

    /** @return true when it is a fraction from 0 to 1; else its scale runs from 0 to the largest node's value */
    public boolean fraction() {
        return fraction;
    }

    /**
     * @param name a name as {@link #optionName()} gives it, any case
     * @return the statistic, or null when there is none of that name
     */
    public static NodeStatistic named(String name) {
        for (NodeStatistic statistic : values()) {
            if (statistic.optionName.equalsIgnoreCase(name) || statistic.name().equalsIgnoreCase(name)) {
                return statistic;
            }
        }
        return null;
    }

    /**
     * @param layer the layer
     * @param activation its output over the batch, in Keras's layout (batch first)
     * @param channelsFirst whether its channel axis is the first after the batch
     * @return the statistic, NaN when it does not apply (saturation of a ReLU layer) or the output is empty
     */
    double of(LayerSpec layer, INDArray activation, boolean channelsFirst) {
        if (activation.length() == 0) {
            return Double.NaN;
        }
        INDArray values = activation.castTo(DataType.DOUBLE);
        return switch (this) {
            case MEAN_ABSOLUTE -> org.nd4j.linalg.ops.transforms.Transforms.abs(values, true).meanNumber().doubleValue();
            case DEAD_UNITS -> deadFraction(values, channelsFirst);
            case SATURATION -> saturatedFraction(layer, values);
        };
    }

    private static double deadFraction(INDArray values, boolean channelsFirst) {
        if (values.rank() < 2) {
            return values.neq(0).sumNumber().doubleValue() == 0 ? 1 : 0; // one unit
        }
        int channelAxis = channelsFirst ? 1 : values.rank() - 1;
        long units = values.size(channelAxis);
        int[] order = new int[values.rank()];
        int at = 0;
        for (int axis = 0; axis < values.rank(); axis++) {
            if (axis != channelAxis) order[at++] = axis;
        }
        order[at] = channelAxis;
        INDArray byUnit = values.permute(order).dup('c').reshape(-1, units);
        INDArray largest = org.nd4j.linalg.ops.transforms.Transforms.abs(byUnit, true).max(0);
        return largest.eq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() / units;
    }

    private static double saturatedFraction(LayerSpec layer, INDArray values) {
        String activation = activationOf(layer.config());
        double low;
        double high;
        if (activation.contains("sigmoid")) {
            low = GateStatistics.CLOSED;
            high = GateStatistics.OPEN;
        } else if (activation.equals("tanh") || activation.equals("softsign")) {
            low = 2 * GateStatistics.CLOSED - 1; // the same ends of the curve, on -1..1
            high = 2 * GateStatistics.OPEN - 1;
        } else {
            return Double.NaN;
        }
        long saturated = values.lt(low).castTo(DataType.DOUBLE).sumNumber().longValue()
                + values.gt(high).castTo(DataType.DOUBLE).sumNumber().longValue();
        return (double) saturated / values.length();
    }

    /** The layer's activation name, or its wrapped layer's (a Bidirectional's, a TimeDistributed's); "" when none. */
    private static String activationOf(Map<String, Object> config) {
        Object activation = config.get("activation");
        if (activation == null && config.get("layer") instanceof Map<?, ?> wrapped
                && wrapped.get("config") instanceof Map<?, ?> wrappedConfig) {
            activation = wrappedConfig.get("activation");
        }
        if (activation instanceof Map<?, ?> serialized) { // Keras 3 may write {"class_name": ..., "config": ...}
            activation = serialized.get("config") instanceof Map<?, ?> inner && inner.get("name") != null
                    ? inner.get("name") : serialized.get("class_name");
        }
        return activation == null ? "" : activation.toString().toLowerCase(Locale.ROOT);
    }
}
