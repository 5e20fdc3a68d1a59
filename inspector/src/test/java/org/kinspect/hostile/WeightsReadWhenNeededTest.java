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
