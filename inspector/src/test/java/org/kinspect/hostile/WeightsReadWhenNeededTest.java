package org.kinspect.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An {@code .h5} model's float32 weights are read from the file when they are needed (copied into
 * the graph, or asked for), not when it is opened: the numbers are still the file's, and a file
 * changed in between is refused in one line instead of giving another file's numbers.
 */
class WeightsReadWhenNeededTest {
    @TempDir
    Path folder;

    /** 1 MB of float32: large enough to be read later (smaller weights are read on opening). */
    private static final int INPUTS = 1024;
    private static final int UNITS = 256;
    private static final float[][] KERNEL = kernel();
    private static final float[] BIAS = bias();

    private Path model(String name) {
        return KerasH5Writer.model(KerasH5Writer.denseConfig("dense", INPUTS, UNITS))
                .layer("dense", Map.of("kernel", KERNEL, "bias", BIAS)).write(folder.resolve(name));
    }

    /** Every value different, so that a value in the wrong place shows. */
    private static float[][] kernel() {
        float[][] kernel = new float[INPUTS][UNITS];
        for (int row = 0; row < INPUTS; row++) {
            for (int column = 0; column < UNITS; column++) {
                kernel[row][column] = row * UNITS + column + 0.5f;
            }
        }
        return kernel;
    }

    private static float[] bias() {
        float[] bias = new float[UNITS];
        for (int unit = 0; unit < UNITS; unit++) {
            bias[unit] = -unit - 0.25f;
        }
        return bias;
    }

    @Test
    void theWeightsAndTheGraphHoldTheFilesNumbers() {
        InspectedModel model = InspectedModel.open(model("dense.h5"));
        INDArray kernel = model.weights("dense").get("kernel");
        assertArrayEquals(new long[] {INPUTS, UNITS}, kernel.shape());
        for (int row = 0; row < INPUTS; row++) {
            assertArrayEquals(KERNEL[row], kernel.getRow(row).toFloatVector());
        }
        assertArrayEquals(BIAS, model.weights("dense").get("bias").toFloatVector());
        // DL4J's W is [inputs, units] as Keras's kernel; its own layout is not Keras's C order.
        INDArray w = model.graph().getLayer("dense").getParam("W");
        for (int row = 0; row < INPUTS; row++) {
            for (int column = 0; column < UNITS; column++) {
                assertEquals(KERNEL[row][column], w.getFloat(row, column));
            }
        }
        assertArrayEquals(BIAS, model.graph().getLayer("dense").getParam("b").toFloatVector());
        assertEquals(List.of(), model.warnings());
    }

    /**
     * An LSTM whose kernel is read in two chunks of rows (4 MB at a time: 512 rows of 2048, then 8)
     * and whose recurrent kernel is exactly one: each value lands where DL4J keeps it, its gate
     * blocks reordered from Keras's i, f, c, o to DL4J's c, f, o, i (as DL4J's KerasLSTM does).
     */
    @Test
    void anLstmsKernelsLandInDl4jsGateOrderAcrossReadChunks() {
        int inputs = 520;
        int units = 512;
        float[][] kernel = distinct(inputs, 4 * units, 0.5f);
        float[][] recurrent = distinct(units, 4 * units, -0.25f);
        float[] bias = distinct(1, 4 * units, 0.125f)[0];
        Path file = KerasH5Writer.model(lstmConfig(inputs, units))
                .layer("lstm", Map.of("kernel", kernel, "recurrent_kernel", recurrent, "bias", bias))
                .write(folder.resolve("lstm.h5"));
        InspectedModel model = InspectedModel.open(file);
        int[] kerasGateOfDl4jGate = {2, 1, 3, 0};
        var layer = model.graph().getLayer("lstm");
        INDArray w = layer.getParam("W");
        INDArray rw = layer.getParam("RW");
        INDArray b = layer.getParam("b");
        for (int gate = 0; gate < 4; gate++) {
            for (int unit = 0; unit < units; unit++) {
                int dl4j = gate * units + unit;
                int keras = kerasGateOfDl4jGate[gate] * units + unit;
                for (int row = 0; row < inputs; row++) {
                    assertEquals(kernel[row][keras], w.getFloat(row, dl4j));
                }
                for (int row = 0; row < units; row++) {
                    assertEquals(recurrent[row][keras], rw.getFloat(row, dl4j));
                }
                assertEquals(bias[keras], b.getFloat(dl4j));
            }
        }
        assertEquals(List.of(), model.warnings());
    }

    /**
     * Shapes that fit none of the copy's blocks: a kernel of 2111 x 1003 read in chunks of 1045, 1045
     * and 21 rows (the chunks shared out to the copy's threads), transposed four rows by four
     * columns where it can and value by value at the edges (1003 columns: tiles of 64 and one of 43;
     * 21 rows: five groups of four and one row); and an LSTM of 250 units (gate blocks of 250
     * columns) over 1050 inputs, read in two chunks of 1048 and 2 rows.
     */
    @Test
    void kernelsOfUnevenShapesLandInPlaceAcrossChunksAndThreads() {
        int inputs = 2111;
        int units = 1003;
        float[][] kernel = distinct(inputs, units, 0.75f);
        float[] bias = distinct(1, units, -0.5f)[0];
        Path dense = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", inputs, units))
                .layer("dense", Map.of("kernel", kernel, "bias", bias)).write(folder.resolve("uneven.h5"));
        InspectedModel model = InspectedModel.open(dense);
        float[][] w = model.graph().getLayer("dense").getParam("W").toFloatMatrix();
        for (int row = 0; row < inputs; row++) {
            assertArrayEquals(kernel[row], w[row], "row " + row);
        }
        assertArrayEquals(bias, model.graph().getLayer("dense").getParam("b").toFloatVector());
        assertEquals(List.of(), model.warnings());

        int lstmInputs = 1050;
        int lstmUnits = 250;
        float[][] lstmKernel = distinct(lstmInputs, 4 * lstmUnits, 0.5f);
        float[][] recurrent = distinct(lstmUnits, 4 * lstmUnits, -0.25f);
        float[] lstmBias = distinct(1, 4 * lstmUnits, 0.125f)[0];
        Path lstm = KerasH5Writer.model(lstmConfig(lstmInputs, lstmUnits))
                .layer("lstm", Map.of("kernel", lstmKernel, "recurrent_kernel", recurrent, "bias", lstmBias))
                .write(folder.resolve("uneven-lstm.h5"));
        var layer = InspectedModel.open(lstm).graph().getLayer("lstm");
        float[][] lstmW = layer.getParam("W").toFloatMatrix();
        float[][] lstmRw = layer.getParam("RW").toFloatMatrix();
        int[] kerasGateOfDl4jGate = {2, 1, 3, 0};
        for (int gate = 0; gate < 4; gate++) {
            for (int unit = 0; unit < lstmUnits; unit++) {
                int dl4j = gate * lstmUnits + unit;
                int keras = kerasGateOfDl4jGate[gate] * lstmUnits + unit;
                for (int row = 0; row < lstmInputs; row++) {
                    assertEquals(lstmKernel[row][keras], lstmW[row][dl4j]);
                }
                for (int row = 0; row < lstmUnits; row++) {
                    assertEquals(recurrent[row][keras], lstmRw[row][dl4j]);
                }
            }
        }
    }

    /**
     * A NaN in the last row and column of a kernel of uneven shape (copied value by value, not in a
     * block of four) and an infinity in a block: both are found by the copy, and counted.
     */
    @Test
    void nonFiniteValuesAtTheEdgesOfAnUnevenKernelAreWarnedAbout() {
        int inputs = 2111;
        int units = 1003;
        float[][] kernel = distinct(inputs, units, 0.75f);
        kernel[inputs - 1][units - 1] = Float.NaN;
        Path file = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", inputs, units))
                .layer("dense", Map.of("kernel", kernel, "bias", new float[units])).write(folder.resolve("edge.h5"));
        assertEquals(List.of("layer 'dense': weight 'kernel' holds 1 NaN of its " + inputs * units
                + " values; what the layer computes from them will be NaN or infinite"),
                InspectedModel.open(file).warnings());
        kernel[inputs - 1][units - 1] = 1;
        kernel[1044][999] = Float.POSITIVE_INFINITY; // the last row of the first chunk, in a block of four columns
        Path infinite = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", inputs, units))
                .layer("dense", Map.of("kernel", kernel, "bias", new float[units])).write(folder.resolve("inf.h5"));
        assertEquals(List.of("layer 'dense': weight 'kernel' holds 1 infinite of its " + inputs * units
                + " values; what the layer computes from them will be NaN or infinite"),
                InspectedModel.open(infinite).warnings());
    }

    /** A NaN and an infinity in a weight read later are found by the copy into the graph, and counted. */
    @Test
    void nonFiniteValuesOfAWeightReadLaterAreWarnedAbout() {
        float[][] kernel = distinct(INPUTS, UNITS, 0.5f);
        kernel[700][3] = Float.NaN;
        kernel[1023][255] = Float.NEGATIVE_INFINITY;
        Path file = KerasH5Writer.model(KerasH5Writer.denseConfig("dense", INPUTS, UNITS))
                .layer("dense", Map.of("kernel", kernel, "bias", BIAS)).write(folder.resolve("nan.h5"));
        InspectedModel model = InspectedModel.open(file);
        assertTrue(Float.isNaN(model.graph().getLayer("dense").getParam("W").getFloat(700, 3)));
        assertEquals(List.of("layer 'dense': weight 'kernel' holds 1 NaN and 1 infinite of its " + INPUTS * UNITS
                + " values; what the layer computes from them will be NaN or infinite"), model.warnings());
    }

    /** Every value different (and exact in float32), so that a value in the wrong place shows. */
    private static float[][] distinct(int rows, int columns, float shift) {
        float[][] values = new float[rows][columns];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                values[row][column] = (row * columns + column) % 1_000_003 + shift;
            }
        }
        return values;
    }

    private static String lstmConfig(int inputs, int units) {
        return """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "LSTM", "config": {"name": "lstm", "trainable": true, "dtype": "float32",
                    "batch_input_shape": [null, 3, %d], "return_sequences": false, "return_state": false,
                    "go_backwards": false, "stateful": false, "unroll": false, "units": %d, "activation": "tanh",
                    "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true,
                    "kernel_initializer": {"class_name": "Zeros", "config": {}},
                    "recurrent_initializer": {"class_name": "Zeros", "config": {}},
                    "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": null,
                    "recurrent_regularizer": null, "bias_regularizer": null, "activity_regularizer": null,
                    "kernel_constraint": null, "recurrent_constraint": null, "bias_constraint": null,
                    "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2}}]}}""".formatted(inputs, units);
    }

    @Test
    void aFileRewrittenAfterOpeningIsRefusedWhenItsWeightsAreRead() {
        Path file = model("changing.h5");
        InspectedModel described = InspectedModel.open(file, ImportOptions.defaults().withDescribeOnly(true));
        KerasH5Writer.model(KerasH5Writer.denseConfig("dense", INPUTS + 1, UNITS))
                .layer("dense", Map.of("kernel", new float[INPUTS + 1][UNITS], "bias", BIAS)).write(file);
        KinspectException error = assertThrows(KinspectException.class, () -> described.weights("dense"));
        assertEquals(KinspectException.Problem.MODEL_FILE, error.problem());
        assertTrue(error.getMessage().startsWith(file + ": the file changed or is gone since the model was opened"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("open the model again"), error.getMessage());
        assertEquals(1, error.getMessage().lines().count());
    }
}
