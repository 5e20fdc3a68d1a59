package org.kinspect.report.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A small picture of one example's output drawn in a node, its values scaled to the glyph: a
 * sparkline of the most varying units over time for a sequence, a thumbnail of the mean absolute
 * feature map for an image stack, a bar strip of the units for a vector.
 *
 * <pre>{@code
 * NodeGlyph glyph = NodeGlyph.of(activations.get("lstm_1"), false, 0); // a Sparkline
 * }</pre>
 */
public sealed interface NodeGlyph {
    /** At most this many bars, traces' steps, thumbnail cells per side: a glyph is a glance, not a chart. */
    int MOST_BARS = 48;
    int MOST_TRACES = 3;
    int MOST_STEPS = 64;
    int MOST_CELLS = 16;

    /**
     * Units side by side: values from -1 to 1 (divided by the largest magnitude), drawn up or down
     * from the middle line.
     *
     * @param values one value per bar, each the mean of its units when there are more than {@link #MOST_BARS}
     */
    record Bars(double[] values) implements NodeGlyph {}

    /**
     * Units over time, all on one scale from 0 (the smallest value drawn) to 1 (the largest).
     *
     * @param traces one per unit drawn, one value per step
     */
    record Sparkline(List<double[]> traces) implements NodeGlyph {}

    /**
     * A feature map: the mean absolute value over the channels, from 0 to 1 (its largest), in rows and columns.
     *
     * @param cells {@code cells[row][column]}
     */
    record FeatureMap(double[][] cells) implements NodeGlyph {}

    /**
     * @param activation a layer's output over the batch, in Keras's layout
     * @param channelsFirst whether its channel axis is the first after the batch
     * @param example which example of the batch to draw
     * @return its glyph, or null when the output has no values for that example
     */
    static NodeGlyph of(INDArray activation, boolean channelsFirst, int example) {
        if (activation.rank() < 1 || activation.size(0) <= example || activation.length() == 0) {
            return null;
        }
        INDArray one = activation.rank() == 1 ? activation.getScalar(example).reshape(1)
                : activation.slice(example).castTo(DataType.DOUBLE);
        long[] shape = one.shape();
        double[] flat = one.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (shape.length == 2 && shape[0] > 1 && shape[1] > 0) {
            return channelsFirst ? sparkline(transpose(flat, (int) shape[0], (int) shape[1]), (int) shape[1], (int) shape[0])
                    : sparkline(flat, (int) shape[0], (int) shape[1]);
        }
        if (shape.length == 3) {
            return channelsFirst ? featureMap(flat, (int) shape[1], (int) shape[2], (int) shape[0], true)
                    : featureMap(flat, (int) shape[0], (int) shape[1], (int) shape[2], false);
        }
        return bars(flat);
    }

    private static double[] transpose(double[] values, int rows, int columns) {
        double[] transposed = new double[values.length];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                transposed[column * rows + row] = values[row * columns + column];
            }
        }
        return transposed;
    }

    private static Bars bars(double[] values) {
        int count = Math.min(values.length, MOST_BARS);
        double[] bars = new double[count];
        for (int bar = 0; bar < count; bar++) {
            int from = (int) ((long) bar * values.length / count);
            int to = (int) ((long) (bar + 1) * values.length / count);
            double sum = 0;
            for (int i = from; i < to; i++) sum += finite(values[i]);
            bars[bar] = sum / (to - from);
        }
        double largest = Arrays.stream(bars).map(Math::abs).max().orElse(0);
        if (largest > 0) {
            for (int bar = 0; bar < count; bar++) bars[bar] /= largest;
        }
        return new Bars(bars);
    }

    /** The units whose values vary most over the steps, each a trace, on one shared scale. */
    private static Sparkline sparkline(double[] values, int steps, int units) {
        List<Integer> chosen = IntStream.range(0, units).boxed()
                .sorted(Comparator.comparingDouble((Integer unit) -> -spread(values, steps, units, unit))
                        .thenComparingInt(unit -> unit))
                .limit(MOST_TRACES).toList();
        int drawnSteps = Math.min(steps, MOST_STEPS);
        List<double[]> traces = new ArrayList<>();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int unit : chosen) {
            double[] trace = new double[drawnSteps];
            for (int point = 0; point < drawnSteps; point++) {
                int from = (int) ((long) point * steps / drawnSteps);
                int to = (int) ((long) (point + 1) * steps / drawnSteps);
                double sum = 0;
                for (int step = from; step < to; step++) sum += finite(values[step * units + unit]);
                trace[point] = sum / (to - from);
                low = Math.min(low, trace[point]);
                high = Math.max(high, trace[point]);
            }
            traces.add(trace);
        }
        double range = high - low;
        for (double[] trace : traces) {
            for (int point = 0; point < trace.length; point++) {
                trace[point] = range > 0 ? (trace[point] - low) / range : 0.5;
            }
        }
        return new Sparkline(traces);
    }

    private static double spread(double[] values, int steps, int units, int unit) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int step = 0; step < steps; step++) {
            double value = finite(values[step * units + unit]);
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        return high - low;
    }

    private static FeatureMap featureMap(double[] values, int height, int width, int channels, boolean channelsFirst) {
        int rows = Math.min(height, MOST_CELLS);
        int columns = Math.min(width, MOST_CELLS);
        double[][] cells = new double[rows][columns];
        double largest = 0;
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                double sum = 0;
                long count = 0;
                for (int y = row * height / rows; y < (row + 1) * height / rows; y++) {
                    for (int x = column * width / columns; x < (column + 1) * width / columns; x++) {
                        for (int channel = 0; channel < channels; channel++) {
                            int index = channelsFirst ? (channel * height + y) * width + x : (y * width + x) * channels + channel;
                            sum += Math.abs(finite(values[index]));
                            count++;
                        }
                    }
                }
                cells[row][column] = count == 0 ? 0 : sum / count;
                largest = Math.max(largest, cells[row][column]);
            }
        }
        if (largest > 0) {
            for (double[] row : cells) {
                for (int column = 0; column < columns; column++) row[column] /= largest;
            }
        }
        return new FeatureMap(cells);
    }

    /** NaN and infinities are drawn as 0: the node's statistics and the layer's section report them. */
    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
