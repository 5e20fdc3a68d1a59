package org.kinspect.inspect;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.kinspect.Memory;
import org.kinspect.graph.ImportedGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Estimates the memory a run needs before it starts: every layer's output for the whole batch is
 * kept (that is what inspection is), once as DL4J computes it and once in Keras's layout. A
 * configuration asking for a layer of 10^12 values, or a batch far too large, then fails with
 * how much it needs instead of in a native allocation.
 *
 * <pre>{@code
 * ActivationMemory.require(imported, Map.of("signal", x)); // before the forward pass
 * }</pre>
 */
public final class ActivationMemory {
    /** DL4J's output, its copy in Keras's layout, and the copy of its input the next layer gets. */
    private static final int COPIES = 3;

    private ActivationMemory() {}

    /**
     * @param imported the model
     * @param inputs the inputs of this run, in Keras's layout, keyed by input name
     * @return the estimate in bytes (float32)
     * @throws org.kinspect.KinspectException when the process cannot give that much
     */
    public static double require(ImportedGraph imported, Map<String, INDArray> inputs) {
        long batch = 1;
        long unknownSize = 1;
        ActivationProbe probe = new ActivationProbe(imported);
        for (Map.Entry<String, INDArray> input : inputs.entrySet()) {
            INDArray values = input.getValue();
            if (values.rank() > 0) {
                batch = Math.max(batch, values.size(0));
            }
            long[] declared = imported.spec().layer(input.getKey()).isPresent()
                    ? probe.expectedShape(input.getKey()) : null;
            for (int axis = 1; axis < values.rank(); axis++) {
                boolean unknown = declared == null || axis >= declared.length || declared[axis] < 0;
                if (unknown) {
                    unknownSize = Math.max(unknownSize, values.size(axis));
                }
            }
        }
        double perExample = 0;
        for (InputType type : imported.outputTypes().values()) {
            perExample += elements(type, unknownSize);
        }
        double bytes = COPIES * 4.0 * perExample * batch;
        Memory.require(bytes, "the outputs of the model's " + imported.outputTypes().size() + " layers for a batch of "
                + batch, "use a smaller batch, or run kinspect on a machine with more memory");
        return bytes;
    }

    private static double elements(InputType type, long unknownSize) {
        double elements = 1;
        for (long size : type.getShape(false)) {
            elements *= size > 0 ? size : unknownSize;
        }
        return elements;
    }

}
