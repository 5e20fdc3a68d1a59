package org.kinspect.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.config.InitialStateSource;
import org.kinspect.inspect.ModelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    ModelArgument modelFiles;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Progress progress = common.progress(common.commandLine().getErr());
        // No "starting ND4J" step: the import starts it only if this model needs it (most do not).
        InspectedModel model = ModelLoader.openToDescribe(modelFiles.model(), modelFiles.config(), common, progress);
        ModelSummary summary = model.summary();
        PrintWriter out = common.commandLine().getOut();
        if (common.json) {
            Json.print(out, toJson(model, summary, model.initialStateSources()));
        } else {
            printText(out, model, summary);
        }
        out.flush();
        return 0;
    }

    private void printText(PrintWriter out, InspectedModel model, ModelSummary summary) {
        out.println("Model \"" + model.modelName() + "\" (" + model.modelClass() + ") from "
                + modelFiles.model().getFileName());
        out.println((summary.kerasVersion() == null ? "Keras version unknown" : "Keras " + summary.kerasVersion())
                + ", " + (summary.backend() == null ? "backend unknown" : summary.backend() + " backend")
                + ", " + model.file().description()
                + model.conversion().map(conversion -> ", converted by kinspect " + conversion.kinspectVersion()
                        + " (converted format " + conversion.formatVersion() + ")").orElse(""));
        out.println("Inputs: " + String.join(", ", model.inputNames())
                + "; outputs: " + String.join(", ", model.modelOutputNames()));
        out.println();
        TextTable table = new TextTable().left("layer").left("class").left("output shape").right("parameters")
                .left("reads");
        Set<String> unknown = model.layersOfUnknownShape();
        for (ModelSummary.Row row : summary.layers()) {
            table.row(row.name(), row.className(), unknown.contains(row.name()) ? "unknown"
                    : Formats.declaredShape(row.outputShape()), Formats.count(row.parameters()),
                    String.join(", ", row.inbound()));
        }
        table.print(out);
        List<String> lambdas = model.lambdasNotRun();
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
        Set<String> unknown = inspected.layersOfUnknownShape();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFiles.model().toString());
        document.put("name", inspected.modelName());
        document.put("model_class", inspected.modelClass());
        document.put("keras_version", summary.kerasVersion());
        document.put("backend", summary.backend());
        document.put("format", summary.format());
        document.put("inputs", inspected.inputNames());
        document.put("outputs", inspected.modelOutputNames());
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
