package org.kinspect.report.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.config.LayerSpec;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The statistics that colour the nodes and the glyphs in them, against direct computations. */
class NodeStatisticTest {

    private static LayerSpec layer(String className, String activation) {
        return new LayerSpec("layer", className, Map.of("activation", activation), List.of());
    }

    @Test
    void deadUnitsAreTheChannelsExactlyZeroEverywhere() {
        // (batch 2, steps 2, units 3): unit 0 fires once, units 1 and 2 never
        INDArray values = Nd4j.createFromArray(new float[][][] {{{0, 0, 0}, {1.5f, 0, 0}}, {{0, 0, 0}, {0, 0, 0}}});
        assertEquals(2.0 / 3, NodeStatistic.DEAD_UNITS.of(layer("LSTM", "tanh"), values, false), 1e-12);
        // channels first: (batch 1, channels 2, width 2), channel 1 dead
        INDArray first = Nd4j.createFromArray(new float[][][] {{{0.5f, -1}, {0, 0}}});
        assertEquals(0.5, NodeStatistic.DEAD_UNITS.of(layer("Conv1D", "linear"), first, true), 1e-12);
    }

    @Test
    void saturationCountsTheFlatEndsOfSigmoidAndTanhOnly() {
        INDArray sigmoid = Nd4j.createFromArray(new float[][] {{0.05f, 0.5f, 0.95f, 0.99f}});
        assertEquals(0.75, NodeStatistic.SATURATION.of(layer("Dense", "sigmoid"), sigmoid, false), 1e-12);
        INDArray tanh = Nd4j.createFromArray(new float[][] {{-0.9f, 0, 0.85f, 0.5f}});
        assertEquals(0.5, NodeStatistic.SATURATION.of(layer("Dense", "tanh"), tanh, false), 1e-12);
        assertTrue(Double.isNaN(NodeStatistic.SATURATION.of(layer("Dense", "relu"), tanh, false)));
    }

    /** Keras's own activations of the sine LSTM sample, the statistics computed directly over its values. */
    @Test
    void onKerasOwnActivationsTheStatisticsAreTheDirectOnes() {
        KerasReference reference = KerasReference.read(Path.of("../samples/models/sine_lstm_io.h5"));
        for (Map.Entry<String, INDArray> entry : reference.activations().entrySet()) {
            INDArray activation = entry.getValue();
            if (activation.rank() < 2) continue;
            double[] values = activation.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int units = (int) activation.size(activation.rank() - 1);
            double absoluteSum = 0;
            boolean[] fired = new boolean[units];
            long saturated = 0;
            for (int i = 0; i < values.length; i++) {
                absoluteSum += Math.abs(values[i]);
                if (values[i] != 0) fired[i % units] = true;
                if (values[i] < -0.8 || values[i] > 0.8) saturated++;
            }
            int dead = 0;
            for (boolean unit : fired) if (!unit) dead++;
            LayerSpec tanhLayer = layer("LSTM", "tanh");
            assertEquals(absoluteSum / values.length, NodeStatistic.MEAN_ABSOLUTE.of(tanhLayer, activation, false),
                    1e-9, entry.getKey());
            assertEquals((double) dead / units, NodeStatistic.DEAD_UNITS.of(tanhLayer, activation, false), 1e-12);
            assertEquals((double) saturated / values.length, NodeStatistic.SATURATION.of(tanhLayer, activation, false),
                    1e-12, entry.getKey());
        }
    }

    @Test
    void glyphsFollowTheShapeOfOneExample() {
        INDArray vector = Nd4j.createFromArray(new float[][] {{1, -2, 4}, {9, 9, 9}});
        NodeGlyph.Bars bars = assertInstanceOf(NodeGlyph.Bars.class, NodeGlyph.of(vector, false, 0));
        assertArrayEquals(new double[] {0.25, -0.5, 1}, bars.values(), 1e-12);

        // (batch 1, steps 3, units 2): unit 1 varies most, drawn first; one scale for both traces
        INDArray sequence = Nd4j.createFromArray(new float[][][] {{{0, 0}, {0.5f, 2}, {0, 4}}});
        NodeGlyph.Sparkline line = assertInstanceOf(NodeGlyph.Sparkline.class, NodeGlyph.of(sequence, false, 0));
        assertArrayEquals(new double[] {0, 0.5, 1}, line.traces().get(0), 1e-12);
        assertArrayEquals(new double[] {0, 0.125, 0}, line.traces().get(1), 1e-12);

        // (batch 1, 2 x 2 pixels, 2 channels): mean |value| over channels, divided by the largest
        INDArray image = Nd4j.createFromArray(new float[][][][] {{{{1, -1}, {2, 2}}, {{0, 0}, {4, -4}}}});
        NodeGlyph.FeatureMap map = assertInstanceOf(NodeGlyph.FeatureMap.class, NodeGlyph.of(image, false, 0));
        assertArrayEquals(new double[] {0.25, 0.5}, map.cells()[0], 1e-12);
        assertArrayEquals(new double[] {0, 1}, map.cells()[1], 1e-12);
    }
}
