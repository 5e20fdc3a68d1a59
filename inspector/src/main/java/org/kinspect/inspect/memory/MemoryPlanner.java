package org.kinspect.inspect.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.inspect.ModelSummary;

/**
 * Plans a model's memory from its summary (each layer's output shape and parameters, as DL4J
 * imported it) and the order its graph runs in.
 *
 * <pre>{@code
 * InspectedModel model = InspectedModel.openConfig(Path.of("model.json"));
 * MemoryPlan plan = MemoryPlanner.plan(ModelInternals.imported(model), model.summary(),
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
        Map<String, ModelSummary.Row> rows = new LinkedHashMap<>();
        summary.layers().forEach(row -> rows.put(row.name(), row));
        for (ModelSummary.Row row : summary.layers()) {
            LayerSpec spec = imported.spec().layer(row.name()).orElseThrow();
            ModelSummary.Row input = spec.inboundLayers().isEmpty() ? null : rows.get(spec.inboundLayers().get(0));
            memory.put(row.name(), layerMemory(row, input, spec, hasDropout(imported, row.name()), options));
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
        // Layers run one at a time, forward and (in training) back: the scratch arrays of one are
        // alive at once, so the plan counts the largest (as DL4J's NetworkMemoryReport does).
        LayerMemory inferenceWorking = mostWorking(memory.values(), false);
        LayerMemory trainingWorking = mostWorking(memory.values(), true);
        MemoryPlan.Training training = new MemoryPlan.Training(activations, activations - inputActivations,
                parameterBytes, trainableBytes, times(trainableBytes, options.optimizer().stateCopies()),
                trainingWorking == null ? 0 : trainingWorking.workingBytes(true),
                trainingWorking == null ? null : trainingWorking.name());
        MemoryPlan.Inference inference = new MemoryPlan.Inference(peak, parameterBytes,
                inferenceWorking == null ? 0 : inferenceWorking.workingBytes(false),
                inferenceWorking == null ? null : inferenceWorking.name());
        return new MemoryPlan(options, List.copyOf(memory.values()), summary.totalParameters(),
                summary.trainableParameters(), inference, training);
    }

    /** @return the layer with the most working memory, or null when none has any */
    private static LayerMemory mostWorking(Iterable<LayerMemory> layers, boolean training) {
        LayerMemory most = null;
        for (LayerMemory layer : layers) {
            if (layer.workingBytes(training) > 0 && (most == null || layer.workingBytes(training) > most.workingBytes(training))) {
                most = layer;
            }
        }
        return most;
    }

    /** @return true when the DL4J layer of that name has a dropout set (even one keeping every value) */
    private static boolean hasDropout(ImportedGraph imported, String name) {
        return imported.graph().getConfiguration().getVertices().get(name) instanceof LayerVertex vertex
                && vertex.getLayerConf() != null && vertex.getLayerConf().getLayer() instanceof BaseLayer layer
                && layer.getIDropout() != null;
    }

    private static LayerMemory layerMemory(ModelSummary.Row row, ModelSummary.Row input, LayerSpec spec,
            boolean dropoutCopy, MemoryOptions options) {
        List<Long> shape = exampleShape(row);
        Sizes output = sizes(shape, options);
        Long activationBytes = output.values() == null ? null : bytes(output.values(), options);
        Sizes inputSizes = input == null ? null : sizes(exampleShape(input), options);
        Long inferenceWorking = null;
        Long trainingWorking = null;
        String contents = null;
        if (output.values() != null && (input == null || inputSizes.values() != null)) {
            WorkingMemory.Values working;
            try {
                working = WorkingMemory.perExample(spec, input == null ? List.of() : inputSizes.filled(), output.filled(),
                        dropoutCopy);
            } catch (ArithmeticException e) {
                throw KinspectException.resources("the working memory of layer '" + row.name()
                        + "' is too large to count in bytes; give a smaller batch or fewer steps");
            }
            inferenceWorking = bytes(working.inference(), options);
            trainingWorking = bytes(working.training(), options);
            contents = working.contents();
        }
        String viewOf = ViewLayers.viewOf(spec);
        return new LayerMemory(row.name(), row.className(), new ArrayList<>(shape), output.values(), activationBytes,
                row.parameters(), viewOf, viewOf != null && ViewLayers.ownMemoryInTraining(spec), output.stepsAssumed(),
                inferenceWorking, trainingWorking, contents);
    }

    /** The summary's shape starts with the batch axis (null); the sizes of one example follow. */
    private static List<Long> exampleShape(ModelSummary.Row row) {
        return row.outputShape().isEmpty() ? List.of() : row.outputShape().subList(1, row.outputShape().size());
    }

    /**
     * @param filled the sizes with every open one counted as the steps given
     * @param values their product, or null when an open size has no steps given
     * @param stepsAssumed true when an open size was counted as the steps
     */
    private record Sizes(List<Long> filled, Long values, boolean stepsAssumed) {}

    private static Sizes sizes(List<Long> shape, MemoryOptions options) {
        List<Long> filled = new ArrayList<>();
        Long values = 1L;
        boolean stepsAssumed = false;
        for (Long size : shape) {
            if (size != null) {
                filled.add(size);
            } else if (options.stepsForUnknownSizes() != null) {
                filled.add(options.stepsForUnknownSizes());
                stepsAssumed = true;
            } else {
                return new Sizes(filled, null, false);
            }
            values = times(values, filled.get(filled.size() - 1));
        }
        return new Sizes(filled, values, stepsAssumed);
    }

    private static long bytes(long values, MemoryOptions options) {
        return times(times(values, options.batch()), options.precision().bytes());
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
