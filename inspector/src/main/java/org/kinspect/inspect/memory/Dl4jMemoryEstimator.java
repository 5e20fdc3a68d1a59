package org.kinspect.inspect.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.conf.memory.NetworkMemoryReport;
import org.kinspect.config.DataFormats;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.shape.KerasShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Asks DL4J for its memory report of the imported graph, vertex by vertex. DL4J's own
 * {@code ComputationGraphConfiguration.getMemoryReport} does the same walk but gives up on the
 * whole graph when one vertex's report fails (Conv1D layers cast their sequence input to an image
 * type; some layers return none); here such a vertex is left out and named instead.
 *
 * <p>The library's: users ask {@code InspectedModel.dl4jMemoryEstimate(options, inputShapes)}
 * ({@link org.kinspect.PublicApi#LIBRARY_ONLY}).
 *
 * <pre>{@code
 * Dl4jMemoryEstimate dl4j = Dl4jMemoryEstimator.estimate(imported, MemoryOptions.of(64));
 * }</pre>
 */
public final class Dl4jMemoryEstimator {

    private Dl4jMemoryEstimator() {}

    /**
     * @param imported the imported model
     * @param options batch, value type and optimizer (set as every layer's updater on a copy of the
     *     graph's configuration, since the updater decides DL4J's updater state)
     * @return DL4J's estimate; without the vertices DL4J has no report for (see
     *     {@link Dl4jMemoryEstimate#verticesWithoutReport}), or unavailable, saying why (a sequence
     *     length the model leaves open)
     */
    public static Dl4jMemoryEstimate estimate(ImportedGraph imported, MemoryOptions options) {
        return estimate(imported, options, Map.of());
    }

    /**
     * @param imported the imported model
     * @param options batch, value type and optimizer
     * @param inputShapes Keras shapes for inputs whose sizes the model leaves open, batch first
     * @return DL4J's estimate with those sizes, or unavailable when a size is still open
     */
    public static Dl4jMemoryEstimate estimate(ImportedGraph imported, MemoryOptions options,
            Map<String, KerasShape> inputShapes) {
        Map<String, Boolean> channelsFirst = DataFormats.channelsFirstByLayer(imported.spec());
        ComputationGraphConfiguration configuration = imported.graph().getConfiguration().clone();
        List<String> networkInputs = configuration.getNetworkInputs();
        InputType[] inputTypes = new InputType[networkInputs.size()];
        for (int index = 0; index < inputTypes.length; index++) {
            String input = networkInputs.get(index);
            InputType type = imported.outputTypes().get(input);
            if (inputShapes.containsKey(input)) {
                type = withSizes(type, inputShapes.get(input), channelsFirst.getOrDefault(input, false));
            }
            if (type instanceof InputType.InputTypeRecurrent sequence && sequence.getTimeSeriesLength() <= 0) {
                if (options.stepsForUnknownSizes() == null) {
                    return Dl4jMemoryEstimate.unavailable("input '" + input
                            + "' has no fixed sequence length; give the steps to plan for (" + MemoryOptions.GIVE_STEPS + ")");
                }
                type = InputType.recurrent(sequence.getSize(), options.stepsForUnknownSizes(), sequence.getFormat());
            }
            if (type != null && Arrays.stream(type.getShape(false)).anyMatch(size -> size < 1)) {
                // DL4J writes an open image size as 0 or -1 and would count bytes from it.
                return Dl4jMemoryEstimate.unavailable("input '" + input + "' has sizes the model leaves open; give"
                        + " them with " + MemoryOptions.GIVE_INPUT_SHAPES);
            }
            inputTypes[index] = type;
        }
        for (GraphVertex vertex : configuration.getVertices().values()) {
            if (vertex instanceof LayerVertex layerVertex) {
                setUpdater(layerVertex.getLayerConf().getLayer(), options.optimizer().dl4jUpdater());
            }
        }
        Map<String, MemoryReport> reports = new LinkedHashMap<>();
        List<String> withoutReport = new ArrayList<>();
        Map<String, InputType> outputTypes = new LinkedHashMap<>();
        for (int index = 0; index < inputTypes.length; index++) {
            outputTypes.put(networkInputs.get(index), inputTypes[index]);
        }
        int layerIndex = -1;
        for (String name : ExecutionOrder.dl4jOrder(imported.graph())) {
            GraphVertex vertex = configuration.getVertices().get(name);
            if (vertex == null) {
                continue; // a network input
            }
            List<String> inputs = configuration.getVertexInputs().getOrDefault(name, List.of());
            // A layer vertex has one input; DL4J's walk does the same.
            List<String> read = vertex instanceof LayerVertex ? inputs.subList(0, Math.min(1, inputs.size())) : inputs;
            InputType[] in = read.stream().map(outputTypes::get).toArray(InputType[]::new);
            if (vertex instanceof LayerVertex) layerIndex++;
            try {
                outputTypes.put(name, vertex.getOutputType(layerIndex, in));
            } catch (RuntimeException e) {
                return Dl4jMemoryEstimate.unavailable("DL4J cannot type vertex '" + name + "' (" + firstLine(e) + ")");
            }
            MemoryReport report = reportOrNull(vertex, in);
            if (report == null) {
                withoutReport.add(name + " (" + dl4jClass(vertex) + ")");
            } else {
                reports.put(name, report);
            }
        }
        if (reports.isEmpty() && !withoutReport.isEmpty()) {
            return Dl4jMemoryEstimate.unavailable("DL4J has no report for any vertex of this graph ("
                    + String.join(", ", withoutReport) + ")");
        }
        NetworkMemoryReport network = new NetworkMemoryReport(reports, ComputationGraphConfiguration.class,
                "ComputationGraph", inputTypes);
        return summarize(network, withoutReport, options);
    }

    /** DL4J's description of an input with the sizes of a Keras shape, in the layout DL4J keeps it. */
    private static InputType withSizes(InputType type, KerasShape shape, boolean channelsFirst) {
        List<Long> example = shape.example();
        if (example.contains(null)) return type;
        if (type instanceof InputType.InputTypeRecurrent sequence && example.size() == 2) {
            long steps = channelsFirst ? example.get(1) : example.get(0);
            long features = channelsFirst ? example.get(0) : example.get(1);
            return InputType.recurrent(features, steps, sequence.getFormat());
        }
        if (type instanceof InputType.InputTypeConvolutional image && example.size() == 3) {
            long channels = channelsFirst ? example.get(0) : example.get(2);
            long height = channelsFirst ? example.get(1) : example.get(0);
            long width = channelsFirst ? example.get(2) : example.get(1);
            return InputType.convolutional(height, width, channels, image.getFormat());
        }
        return type;
    }

    private static MemoryReport reportOrNull(GraphVertex vertex, InputType[] inputs) {
        try {
            MemoryReport report = vertex.getMemoryReport(inputs);
            // Probe it once: some reports fail only when asked for their numbers.
            if (report != null) report.getTotalMemoryBytes(1, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT);
            return report;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Dl4jMemoryEstimate summarize(NetworkMemoryReport report, List<String> withoutReport,
            MemoryOptions options) {
        int batch = options.batch();
        DataType type = options.precision().dl4jType();
        MemoryUseMode training = MemoryUseMode.TRAINING;
        MemoryUseMode inference = MemoryUseMode.INFERENCE;
        CacheMode cache = CacheMode.NONE;
        return new Dl4jMemoryEstimate(null, withoutReport,
                report.getMemoryBytes(MemoryType.PARAMETERS, batch, inference, cache, type),
                report.getMemoryBytes(MemoryType.ACTIVATIONS, batch, inference, cache, type),
                report.getMemoryBytes(MemoryType.ACTIVATION_GRADIENTS, batch, training, cache, type),
                report.getMemoryBytes(MemoryType.PARAMATER_GRADIENTS, batch, training, cache, type),
                report.getMemoryBytes(MemoryType.UPDATER_STATE, batch, training, cache, type),
                report.getMemoryBytes(MemoryType.WORKING_MEMORY_FIXED, batch, inference, cache, type)
                        + report.getMemoryBytes(MemoryType.WORKING_MEMORY_VARIABLE, batch, inference, cache, type),
                report.getMemoryBytes(MemoryType.WORKING_MEMORY_FIXED, batch, training, cache, type)
                        + report.getMemoryBytes(MemoryType.WORKING_MEMORY_VARIABLE, batch, training, cache, type)
                        + report.getMemoryBytes(MemoryType.CACHED_MEMORY_FIXED, batch, training, cache, type)
                        + report.getMemoryBytes(MemoryType.CACHED_MEMORY_VARIABLE, batch, training, cache, type),
                report.getTotalMemoryBytes(batch, inference, cache, type),
                report.getTotalMemoryBytes(batch, training, cache, type));
    }

    private static String dl4jClass(GraphVertex vertex) {
        return vertex instanceof LayerVertex layerVertex
                ? layerVertex.getLayerConf().getLayer().getClass().getSimpleName()
                : vertex.getClass().getSimpleName();
    }

    private static String firstLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }

    /** Sets the updater on a layer and on the layers it wraps (Bidirectional, LastTimeStep, frozen...). */
    private static void setUpdater(Layer layer, IUpdater updater) {
        if (layer instanceof BaseLayer base) {
            base.setIUpdater(updater);
            base.setBiasUpdater(null); // DL4J's report sizes the state by the main updater
        } else if (layer instanceof Bidirectional bidirectional) {
            setUpdater(bidirectional.getFwd(), updater);
            setUpdater(bidirectional.getBwd(), updater);
        } else if (layer instanceof BaseWrapperLayer wrapper) {
            setUpdater(wrapper.getUnderlying(), updater);
        } else if (layer instanceof FrozenLayer frozen) {
            setUpdater(frozen.getLayer(), updater);
        }
    }
}
