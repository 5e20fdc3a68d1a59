package org.kinspect.inspect.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.KinspectException;
import org.kinspect.config.LayerSpec;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.inspect.ModelSummary;

/**
 * Plans a model's memory from its summary (each layer's output shape and parameters, as DL4J
 * imported it) and the order its graph runs in.
 *
 * <pre>{@code
 * InspectedModel model = InspectedModel.openConfig(Path.of("model.json"));
 * MemoryPlan plan = MemoryPlanner.plan(model.imported(), model.summary(),
 *         new MemoryOptions(64, Precision.FLOAT32, Optimizer.ADAM, null));
 * }</pre>
 */
public final class MemoryPlanner {

    private MemoryPlanner() {}

    /**
     * @param imported the imported model
     * @param summary its summary
     * @param options batch, precision and optimizer
     * @return the plan
     * @throws KinspectException when the numbers are too large to count in bytes
     */
    public static MemoryPlan plan(ImportedGraph imported, ModelSummary summary, MemoryOptions options) {
        Map<String, LayerMemory> memory = new LinkedHashMap<>();
        List<LayerSpec> specs = imported.spec().layers();
        for (ModelSummary.Row row : summary.layers()) {
            memory.put(row.name(), layerMemory(row, imported.spec().layer(row.name()).orElseThrow(), options));
        }
        List<LayerSpec> order = ExecutionOrder.of(imported.spec(), imported.graph());
        InferencePeak peak = InferencePeak.of(order, memory, imported.spec().outputNames());
        int bytes = options.precision().bytes();
        long parameterBytes = times(summary.totalParameters(), bytes);
        long trainableBytes = times(summary.trainableParameters(), bytes);
        long activations = 0;
        long inputActivations = 0;
        for (LayerSpec layer : specs) {
            long own = memory.get(layer.name()).ownBytes(true);
            activations += own;
            if (layer.isInput()) inputActivations += own;
        }
        MemoryPlan.Training training = new MemoryPlan.Training(activations, activations - inputActivations,
                parameterBytes, trainableBytes, times(trainableBytes, options.optimizer().stateCopies()));
        return new MemoryPlan(options, List.copyOf(memory.values()), summary.totalParameters(),
                summary.trainableParameters(), new MemoryPlan.Inference(peak, parameterBytes), training);
    }

    private static LayerMemory layerMemory(ModelSummary.Row row, LayerSpec spec, MemoryOptions options) {
        // The summary's shape starts with the batch axis (null); the sizes of one example follow.
        List<Long> shape = row.outputShape().isEmpty() ? List.of() : row.outputShape().subList(1, row.outputShape().size());
        Long values = 1L;
        boolean stepsAssumed = false;
        for (Long size : shape) {
            if (values == null) {
                break;
            } else if (size != null) {
                values = times(values, size);
            } else if (options.stepsForUnknownSizes() != null) {
                values = times(values, options.stepsForUnknownSizes());
                stepsAssumed = true;
            } else {
                values = null;
            }
        }
        Long activationBytes = values == null ? null
                : times(times(values, options.batch()), options.precision().bytes());
        String viewOf = ViewLayers.viewOf(spec);
        return new LayerMemory(row.name(), row.className(), new ArrayList<>(shape), values, activationBytes,
                row.parameters(), viewOf, viewOf != null && ViewLayers.ownMemoryInTraining(spec), stepsAssumed);
    }

    private static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw KinspectException.resources("the memory needed is too large to count in bytes (" + a + " x " + b
                    + "); give a smaller batch");
        }
    }
}
