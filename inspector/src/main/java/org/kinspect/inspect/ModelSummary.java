package org.kinspect.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.config.DataFormats;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.file.KerasFormat;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.ModelArchive;
import org.kinspect.file.WeightTensor;
import org.kinspect.graph.ConfiguredGraph;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.graph.operations.OperationVertex;
import org.kinspect.shape.KerasShape;
import org.kinspect.shape.ShapeModel;

/**
 * What Keras's {@code model.summary()} shows, plus where the file came from.
 *
 * @param kerasVersion the Keras that wrote the file (null when it does not say)
 * @param backend its backend (null when it does not say)
 * @param format how the file was stored
 * @param layers one row per layer, in Keras's order; for a model described by its configuration
 *     alone, parameters are counted in the DL4J graph
 * @param trainableParameters weights that training changes
 * @param nonTrainableParameters weights it does not (BatchNormalization statistics, frozen layers)
 */
public record ModelSummary(
        String kerasVersion, String backend, String format, List<Row> layers,
        long trainableParameters, long nonTrainableParameters) {

    // Statistics that Keras keeps beside trained weights but does not train.
    private static final Set<String> NON_TRAINABLE = Set.of("moving_mean", "moving_variance", "running_mean",
            "running_std", "seed_generator_state");

    /**
     * One layer of the summary.
     *
     * @param name the Keras layer name
     * @param className the Keras class
     * @param outputShape the output shape Keras reports (from kinspect's {@link ShapeModel}),
     *     {@code null} for the batch and open sizes, never 0 or negative
     * @param parameters how many weights it has
     * @param inbound the layers it reads
     */
    public record Row(String name, String className, List<Long> outputShape, long parameters, List<String> inbound) {}

    /**
     * @return the summary as an aligned table, as Keras's {@code model.summary()} prints it:
     *     <pre>
     * layer    class       output shape   parameters  reads
     * signal   InputLayer  (None, 20, 2)           0
     * lstm_1   LSTM        (None, 20, 8)         352  signal
     * ...
     * Total parameters: 755 (trainable 755, non-trainable 0); Keras 3.16.0, Keras 3 .keras zip</pre>
     */
    @Override
    public String toString() {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"layer", "class", "output shape", "parameters", "reads"});
        for (Row row : layers) {
            List<String> sizes = row.outputShape().stream().map(size -> size == null ? "None" : size.toString()).toList();
            table.add(new String[] {row.name(), row.className(),
                "(" + String.join(", ", sizes) + (sizes.size() == 1 ? ",)" : ")"),
                String.format(Locale.ROOT, "%,d", row.parameters()), String.join(", ", row.inbound())});
        }
        int[] widths = new int[5];
        table.forEach(cells -> {
            for (int i = 0; i < cells.length; i++) widths[i] = Math.max(widths[i], cells[i].length());
        });
        StringBuilder text = new StringBuilder();
        for (String[] cells : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                String cell = i == 3 ? " ".repeat(widths[i] - cells[i].length()) + cells[i]
                        : cells[i] + " ".repeat(widths[i] - cells[i].length());
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        String formatName = Arrays.stream(KerasFormat.values())
                .filter(known -> known.name().equals(format)).map(KerasFormat::description)
                .findFirst().orElse(format);
        return text.append(String.format(Locale.ROOT,
                "Total parameters: %,d (trainable %,d, non-trainable %,d); Keras %s, %s", totalParameters(),
                trainableParameters, nonTrainableParameters, kerasVersion == null ? "version unknown" : kerasVersion,
                formatName)).toString();
    }

    /** @return the total number of parameters */
    public long totalParameters() {
        return trainableParameters + nonTrainableParameters;
    }

    /** {@link ModelSummarizer#summarize(ImportedGraph, ModelArchive, ShapeModel)}. */
    static ModelSummary of(ImportedGraph imported, ModelArchive archive, ShapeModel shapes) {
        return of(imported.spec(), imported.graph().getConfiguration(), imported.outputTypes(), imported.hasWeights(),
                imported::graph, archive, shapes);
    }

    /** {@link ModelSummarizer#summarize(ConfiguredGraph, ModelArchive, ShapeModel)}. */
    static ModelSummary of(ConfiguredGraph configured, ModelArchive archive, ShapeModel shapes) {
        return of(configured.spec(), configured.configuration(), configured.outputTypes(), configured.hasWeights(),
                () -> configured.build().graph(), archive, shapes);
    }

    private static ModelSummary of(ModelSpec spec, ComputationGraphConfiguration configuration,
            Map<String, InputType> outputTypes, boolean hasWeights, Supplier<ComputationGraph> graph,
            ModelArchive archive, ShapeModel shapes) {
        List<Row> rows = new ArrayList<>();
        long trainable = 0;
        long frozen = 0;
        var channelsFirst = DataFormats.channelsFirstByLayer(spec);
        var foldedSteps = FoldedTime.stepsByLayer(spec, configuration, outputTypes);
        for (LayerSpec layer : spec.layers()) {
            long parameters = 0;
            boolean layerTrainable = !Boolean.FALSE.equals(layer.config().get("trainable"));
            for (WeightTensor tensor : archive.weights().layer(layer.name()).map(LayerWeights::tensors).orElse(List.of())) {
                long count = tensor.length();
                parameters += count;
                String baseName = tensor.name().replaceFirst("^(forward|backward)_", "");
                if (layerTrainable && !NON_TRAINABLE.contains(baseName)) trainable += count;
                else frozen += count;
            }
            if (!hasWeights) {
                // A configuration alone has no Keras weights to count: the graph's parameters stand in.
                GraphParameters.Counts counts = GraphParameters.of(graph.get(), layer);
                parameters = counts.total();
                trainable += counts.trainable();
                frozen += counts.nonTrainable();
            }
            // The batch is the caller's to choose: shown open even where the file fixes one (stateful models).
            List<Long> shape = shapes.shape(layer.name()).<List<Long>>map(known -> new ArrayList<>(known.with(0, null).sizes()))
                    .orElseGet(() -> describedByDl4j(configuration, outputTypes, layer, channelsFirst, foldedSteps));
            rows.add(new Row(layer.name(), layer.className(), shape, parameters, layer.inboundLayers()));
        }
        return new ModelSummary(archive.kerasVersion(), archive.backend(), archive.format().name(), rows, trainable, frozen);
    }

    /**
     * The shape of a layer whose shape kinspect cannot know from the configuration (a custom layer's,
     * or a layer's after one), from DL4J's description of the output; a size DL4J does not know is
     * open, never 0 or negative.
     */
    private static List<Long> describedByDl4j(ComputationGraphConfiguration configuration,
            Map<String, InputType> outputTypes, LayerSpec layer,
            Map<String, Boolean> channelsFirst, Map<String, Long> foldedSteps) {
        List<Long> shape = configuration.getVertices().get(layer.name())
                instanceof OperationVertex operation && operation.hasRecordedShapes()
                && operation.getKerasOutputShape() != null
                ? operationShape(operation.getKerasOutputShape())
                : kerasShape(outputTypes.get(layer.name()), channelsFirst.getOrDefault(layer.name(), false));
        if (foldedSteps.containsKey(layer.name())) {
            // DL4J describes a Dense on a sequence without the time axis; Keras keeps it.
            long steps = foldedSteps.get(layer.name());
            shape.add(1, steps > 0 ? steps : null);
        }
        shape.replaceAll(size -> size != null && size < 1 ? null : size);
        return shape;
    }

    /** An operation layer's own Keras shape (it may have no DL4J type of its rank: ops.sum to (batch,)). */
    private static List<Long> operationShape(long[] kerasShape) {
        List<Long> shape = new ArrayList<>();
        for (long size : kerasShape) {
            shape.add(size < 0 ? null : size);
        }
        return shape;
    }

    /** The output shape in Keras's terms, from DL4J's description of it. */
    static List<Long> kerasShape(InputType type, boolean channelsFirst) {
        List<Long> shape = new ArrayList<>();
        shape.add(null);
        if (type == null) {
            return shape;
        }
        if (type instanceof InputType.InputTypeRecurrent recurrent) {
            Long steps = recurrent.getTimeSeriesLength() > 0 ? recurrent.getTimeSeriesLength() : null;
            if (channelsFirst) {
                shape.add(recurrent.getSize());
                shape.add(steps);
            } else {
                shape.add(steps);
                shape.add(recurrent.getSize());
            }
        } else if (type instanceof InputType.InputTypeConvolutional image) {
            if (channelsFirst) shape.add(image.getChannels());
            shape.add(image.getHeight());
            shape.add(image.getWidth());
            if (!channelsFirst) shape.add(image.getChannels());
        } else if (type instanceof InputType.InputTypeConvolutional3D volume) {
            if (channelsFirst) shape.add(volume.getChannels());
            shape.add(volume.getDepth());
            shape.add(volume.getHeight());
            shape.add(volume.getWidth());
            if (!channelsFirst) shape.add(volume.getChannels());
        } else {
            for (long dim : type.getShape(false)) {
                shape.add(dim);
            }
        }
        return shape;
    }
}
