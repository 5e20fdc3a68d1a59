package org.kinspect.inspect;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.safety.Memory;
import org.kinspect.shape.KerasShape;
import org.kinspect.shape.ShapeModel;
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
final class ActivationMemory {
    /** DL4J's output, its copy in Keras's layout, and the copy of its input the next layer gets. */
    private static final int COPIES = 3;

    private ActivationMemory() {}

    /**
     * @param imported the model
     * @param inputs the inputs of this run, in Keras's layout, keyed by input name
     * @return the estimate in bytes (float32)
     * @throws org.kinspect.errors.KinspectException when the process cannot give that much
     */
    static double require(ImportedGraph imported, Map<String, INDArray> inputs) {
        long batch = 1;
        long unknownSize = 1;
        ActivationProbe probe = new ActivationProbe(imported);
        for (Map.Entry<String, INDArray> input : inputs.entrySet()) {
            INDArray values = input.getValue();
            if (values.rank() > 0) {
                batch = Math.max(batch, values.size(0));
            }
            for (int axis = 1; axis < values.rank(); axis++) {
                unknownSize = Math.max(unknownSize, values.size(axis));
            }
        }
        // Keras's shapes with this run's sizes; a layer whose shape is not known (a custom layer, or
        // one after it) is counted by DL4J's description of it, open sizes as the inputs' largest.
        ShapeModel shapes = probe.shapesOfRun(inputs);
        double perExample = 0;
        for (KerasShape shape : shapes.byOutputName().values()) {
            perExample += elements(shape.example(), unknownSize);
        }
        for (String layer : shapes.unknownLayers().keySet()) {
            InputType type = imported.outputTypes().get(layer);
            if (type != null) {
                perExample += elements(Arrays.stream(type.getShape(false)).boxed().map(size -> size > 0 ? size : null)
                        .toList(), unknownSize);
            }
        }
        int layers = imported.spec().layers().size();
        double bytes = COPIES * 4.0 * perExample * batch;
        long examples = batch;
        Memory.require(bytes, () -> "the outputs of the model's " + layers + " layers for a batch of " + examples,
                "use a smaller batch, or run kinspect on a machine with more memory");
        return bytes;
    }

    private static double elements(List<Long> example, long unknownSize) {
        double elements = 1;
        for (Long size : example) {
            elements *= size != null ? size : unknownSize;
        }
        return elements;
    }

}
