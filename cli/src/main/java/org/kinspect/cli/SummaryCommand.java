package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.kinspect.config.InitialStateSource;
import org.kinspect.config.ModelSpec;
import org.kinspect.config.TensorRef;
import org.kinspect.graph.UnreplacedLambda;
import org.kinspect.inspect.ModelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kinspect summary MODEL}: what Keras's {@code model.summary()} shows (each layer's class,
 * output shape, parameter count and the layers it reads), the parameter totals, and which Keras,
 * backend and file format wrote the model.
 *
 * <pre>{@code
 * $ kinspect summary model.h5
 * $ kinspect summary weights.h5 --config model.json --json
 * }</pre>
 */
@Command(name = "summary",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Shows a Keras-like summary of the model as DL4J imported it: each layer's class, "
                + "output shape, parameter count and the layers it reads; the trainable, non-trainable and "
                + "total parameters; the Keras version, backend and file format.",
        footer = {
            "",
            "Examples:",
            "  kinspect summary model.keras",
            "  kinspect summary model.h5 --json",
            "  kinspect summary weights.h5 --config model.json",
            "  kinspect summary model.keras --plugin my-layers.jar"})
final class SummaryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "Keras model: .h5, .keras, or a tf.keras SavedModel folder (or its .zip, .tar.gz); a weights-only .h5 with --config.")
    Path modelFile;

    @Mixin
    WeightsOnlyConfig config;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Progress progress = common.progress(spec.commandLine().getErr());
        ModelLoader.startNd4j(progress);
        InspectedModel model = ModelLoader.openToDescribe(modelFile, config.file(), common, progress);
        ModelSummary summary = model.summary();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Json.print(out, toJson(model, summary, model.initialStateSources()));
        } else {
            printText(out, model, summary);
        }
        out.flush();
        return 0;
    }

    /** @return the model's Lambda layers that were imported as stand-ins, to be described only */
    static List<String> lambdasNotRun(InspectedModel model) {
        return model.layerNames().stream().filter(layer -> model.configuration().getVertices().get(layer)
                instanceof LayerVertex vertex && vertex.getLayerConf().getLayer() instanceof UnreplacedLambda).toList();
    }

    private void printText(PrintWriter out, InspectedModel model, ModelSummary summary) {
        ModelSpec spec = model.spec();
        out.println("Model \"" + spec.modelName() + "\" (" + spec.originalClassName() + ") from "
                + modelFile.getFileName());
        out.println((summary.kerasVersion() == null ? "Keras version unknown" : "Keras " + summary.kerasVersion())
                + ", " + (summary.backend() == null ? "backend unknown" : summary.backend() + " backend")
                + ", " + ModelLoader.describe(model.archive())
                + model.conversion().map(conversion -> ", converted by kinspect " + conversion.kinspectVersion()
                        + " (converted format " + conversion.formatVersion() + ")").orElse(""));
        out.println("Inputs: " + String.join(", ", spec.inputNames())
                + "; outputs: " + String.join(", ", spec.outputTensors().stream().map(TensorRef::outputName).toList()));
        out.println();
        TextTable table = new TextTable().left("layer").left("class").left("output shape").right("parameters")
                .left("reads");
        Set<String> unknown = UnreplacedLambda.unknownShapes(model.configuration());
        for (ModelSummary.Row row : summary.layers()) {
            table.row(row.name(), row.className(), unknown.contains(row.name()) ? "unknown"
                    : Formats.declaredShape(row.outputShape()), Formats.count(row.parameters()),
                    String.join(", ", row.inbound()));
        }
        table.print(out);
        List<String> lambdas = lambdasNotRun(model);
        if (!lambdas.isEmpty()) {
            out.println();
            out.println("Lambda layers without a Java replacement (shown, not run: running the model needs one): "
                    + String.join(", ", lambdas) + (unknown.isEmpty() ? ""
                            : "; Keras recorded no output shape for some, so theirs and those after are unknown"));
        }
        out.println();
        // Keras's own closing lines, numbers aligned.
        String[] labels = {"Trainable parameters:", "Non-trainable parameters:", "Total parameters:"};
        String[] counts = {Formats.count(summary.trainableParameters()),
                Formats.count(summary.nonTrainableParameters()), Formats.count(summary.totalParameters())};
        int width = Arrays.stream(counts).mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < labels.length; i++) {
            out.println(String.format(Locale.ROOT, "%-26s%" + width + "s", labels[i], counts[i]));
        }
        List<InitialStateSource> initialStates = model.initialStateSources();
        if (!initialStates.isEmpty()) {
            out.println();
            out.println("Initial states of the recurrent layers:");
            initialStates.forEach(source -> out.println("  " + source.describe()));
        }
    }

    /** For every recurrent layer, each state's origin: {@code zeros}, {@code model_input} or {@code layer}. */
    private static List<Map<String, Object>> initialStatesJson(List<InitialStateSource> sources) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (InitialStateSource source : sources) {
            List<Map<String, Object>> states = new ArrayList<>();
            for (InitialStateSource.Origin origin : source.states()) {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("state", origin.state());
                state.put("from", origin.kind().name().toLowerCase(Locale.ROOT));
                state.put("tensor", origin.tensor() == null ? null : origin.tensor().outputName());
                states.add(state);
            }
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", source.layer());
            layer.put("stateful", source.stateful());
            layer.put("states", states);
            layers.add(layer);
        }
        return layers;
    }

    private Map<String, Object> toJson(InspectedModel inspected, ModelSummary summary,
            List<InitialStateSource> initialStates) {
        ModelSpec model = inspected.spec();
        Set<String> unknown = UnreplacedLambda.unknownShapes(inspected.configuration());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFile.toString());
        document.put("name", model.modelName());
        document.put("model_class", model.originalClassName());
        document.put("keras_version", summary.kerasVersion());
        document.put("backend", summary.backend());
        document.put("format", summary.format());
        document.put("inputs", model.inputNames());
        document.put("outputs", model.outputTensors().stream().map(TensorRef::outputName).toList());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (ModelSummary.Row row : summary.layers()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", row.name());
            layer.put("class", row.className());
            layer.put("output_shape", unknown.contains(row.name()) ? null : row.outputShape());
            layer.put("parameters", row.parameters());
            layer.put("inbound", row.inbound());
            layers.add(layer);
        }
        document.put("layers", layers);
        document.put("trainable_parameters", summary.trainableParameters());
        document.put("non_trainable_parameters", summary.nonTrainableParameters());
        document.put("total_parameters", summary.totalParameters());
        document.put("initial_states", initialStatesJson(initialStates));
        return document;
    }
}
