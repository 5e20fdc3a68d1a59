package org.kinspect.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The small pieces the charts rest on. */
class ReportPartsTest {

    @Test
    void fileNamesAreSafeAndKeepDifferentLayersApart() {
        assertEquals("block_1_conv", LayerFileNames.safe("block_1/conv"));
        assertEquals("a_b_c.d-e", LayerFileNames.safe("a:b\\c.d-e"));
        assertEquals("___", LayerFileNames.safe("\u00e9 \u65e5"));
        // Later names taken already, also up to case, get -2, -3...
        assertEquals(List.of("a_b", "a_b-2", "A_B-3", "a_b-2-2"),
                List.copyOf(LayerFileNames.stems(List.of("a/b", "a_b", "A_B", "a_b-2")).values()));
        assertEquals("lstm_1.weights.kernel.hinton.png", LayerFileNames.weightFile("lstm_1", "kernel", "hinton", "png"));
        assertEquals("lstm_1.heatmap.png", LayerFileNames.join("lstm_1", "heatmap", "png"));
    }

    @Test
    void aGridIsShrunkByBlocksAndKeepsSmallMatricesAsTheyAre() {
        double[][] small = {{1, 2}, {3, 4}};
        assertEquals(small, ReducedGrid.mean(small, 10, 10).cells());

        double[][] wide = new double[2][10];
        for (int column = 0; column < 10; column++) {
            wide[0][column] = column;
            wide[1][column] = -column;
        }
        ReducedGrid grid = ReducedGrid.mean(wide, 1, 4);
        assertEquals(2, grid.rowsPerCell());
        assertEquals(3, grid.columnsPerCell());
        assertArrayEquals(new double[] {0, 0, 0, 0}, grid.cells()[0], 1e-12, "rows cancel out");
        ReducedGrid rms = ReducedGrid.signedRms(new double[][] {{3, -4, -4, 3}}, 1, 1);
        assertEquals(-Math.sqrt(12.5), rms.cells()[0][0], 1e-12, "size of the RMS, sign of the mean");
    }

    @Test
    void bothSignsGetAScaleCentredOnZeroAndOneSignItsOwnRange() {
        HeatmapColours diverging = HeatmapColours.forRange(-0.2, 0.8);
        assertTrue(diverging.diverging());
        assertEquals(-0.8, diverging.getLowerBound());
        assertEquals(new Color(247, 247, 247), diverging.getPaint(0));
        HeatmapColours sequential = HeatmapColours.forRange(0, 3);
        assertEquals(0, sequential.getLowerBound());
        assertEquals(HeatmapColours.NOT_FINITE, sequential.getPaint(Double.NaN));
        HeatmapColours constant = HeatmapColours.forRange(2, 2);
        assertTrue(constant.getUpperBound() > constant.getLowerBound());
    }

    @Test
    void anExampleIsReadInKerasLayoutEitherChannelOrder() {
        // (batch 2, steps 3, units 2): value = 100 * example + 10 * step + unit
        INDArray channelsLast = Nd4j.create(DataType.FLOAT, 2, 3, 2);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                for (int u = 0; u < 2; u++) channelsLast.putScalar(new int[] {b, t, u}, 100 * b + 10 * t + u);
            }
        }
        double[][] rows = ExampleSlice.of(channelsLast, 1, "layer").rowsOverSteps(false);
        assertArrayEquals(new double[] {100, 110, 120}, rows[0]);
        assertArrayEquals(new double[] {101, 111, 121}, rows[1]);
        double[][] same = ExampleSlice.of(channelsLast.permute(0, 2, 1).dup(), 1, "layer").rowsOverSteps(true);
        assertArrayEquals(rows, same);

        INDArray image = Nd4j.create(DataType.FLOAT, 1, 2, 3, 4); // (batch, h, w, c)
        image.putScalar(new int[] {0, 1, 2, 3}, 7);
        assertEquals(7, ExampleSlice.of(image, 0, "conv").channelMaps(false)[3][1][2]);
        assertEquals(7, ExampleSlice.of(image.permute(0, 3, 1, 2).dup(), 0, "conv").channelMaps(true)[3][1][2]);
    }

    @Test
    void theUnitsThatVaryMostComeFirstAndTiesKeepUnitOrder() {
        double[][] units = {{0, 0, 0}, {0, 5, 0}, {1, 2, 3}, {3, 2, 1}, {0, 0, 0}};
        assertEquals(List.of(1, 2, 3), UnitTraceChart.mostVarying(units, 3));
        assertEquals(List.of(1, 2, 3, 0, 4), UnitTraceChart.mostVarying(units, 9));
    }
}
