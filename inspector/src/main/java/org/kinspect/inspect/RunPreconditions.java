package org.kinspect.inspect;

import java.util.Arrays;
import java.util.Map;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.ImportedGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What must hold before a forward pass reaches native code, beyond the shapes the model declares
 * ({@link ActivationProbe} checks those): no input may have an axis of size 0 (DL4J's native
 * loops divide by such sizes and kill the JVM; a model may even declare one, and a sequence of
 * unknown length accepts one), and the run must fit in memory ({@link ActivationMemory}).
 *
 * <pre>{@code
 * RunPreconditions.check(imported, Map.of("signal", x)); // then the forward pass
 * }</pre>
 */
public final class RunPreconditions {

    private RunPreconditions() {}

    /**
     * @param imported the model
     * @param inputs the inputs of this run, in Keras's layout, keyed by input name
     * @throws KinspectException when an input is empty along an axis or the run cannot fit in memory
     */
    public static void check(ImportedGraph imported, Map<String, INDArray> inputs) {
        for (Map.Entry<String, INDArray> input : inputs.entrySet()) {
            long[] shape = input.getValue().shape();
            if (Arrays.stream(shape).anyMatch(size -> size < 1)) {
                throw KinspectException.input("input '" + input.getKey() + "' has shape " + Arrays.toString(shape)
                        + ", with an axis of size 0; give at least one value along every axis, batch first");
            }
        }
        ActivationMemory.require(imported, inputs);
    }
}
