package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.report.graph.GraphEdge;
import org.kinspect.report.graph.GraphNode;
import org.kinspect.report.graph.GraphPicture;
import org.kinspect.report.graph.NestedGroup;
import org.kinspect.report.graph.NodeActivity;
import org.kinspect.report.graph.NodeStatistic;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * {@code kinspect graph MODEL --out DIR}: the model drawn as a graph (one box per layer call,
 * arrows with the tensors' shapes, nested models boxed, shared layers' calls and recurrent states
 * marked), as {@code graph.svg} or {@code graph.png}. Without {@code --input}, the structure and
 * parameter counts alone; with it, every box also shows a glyph of its layer's output and is
 * coloured by {@code --colour}.
 *
 * <pre>{@code
 * $ kinspect graph seq2seq.keras --out graph/
 * $ kinspect graph model.h5 --input x.npy --colour dead-units --format png --out graph/
 * }</pre>
 */
@Command(name = "graph",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Draws the model as a graph, top-down: one box per layer call (inputs, nested models "
                + "boxed with their layers, calls of a shared layer marked), arrows for the tensors between them "
                + "with their shapes, recurrent states (h, c) named on the arrows that carry them. With --input, "
                + "each box also shows a glyph of its layer's output (a sparkline over time, a feature map, "
                + "a bar strip) and is coloured by a statistic of it over the batch. Writes DIR/graph.svg "
                + "(hover a box for its details) or DIR/graph.png.",
        footer = {
            "",
            "Colours (--colour): dead-units (fraction of units exactly 0 on every example),",
            "saturation (fraction of values of sigmoid/tanh layers below 0.1 or above 0.9",
            "of their range), mean-abs (mean |activation|, the default).",
            "",
            "kinspect MODEL --input X --out DIR draws the same graph on top of index.html,",
            "each box linked to its layer's section.",
            "",
            "Examples:",
            "  kinspect graph model.keras --out graph/",
            "  kinspect graph model.h5 --input x.npy --colour dead-units --out graph/",
            "  kinspect graph model.keras --format png --out graph/",
            "  kinspect graph weights.h5 --config model.json --out graph/ --json"})
final class GraphCommand implements Callable<Integer> {
    static final String FILE_NAME = "graph";

    @Mixin
    ModelArgument modelFiles;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Write graph.svg (or graph.png) to DIR (created when missing).")
    Path outFolder;

    @Mixin
    OverwriteOption overwrite;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "svg",
            description = "svg or png (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--input", paramLabel = "[NAME=]FILE", converter = InputArgument.Converter.class,
            description = "Run this input (a .npy file, batch first; NAME=FILE for each input of a model with "
                    + "several) and show each layer's output on its box. Without it: the structure alone.")
    List<InputArgument> inputs = new ArrayList<>();

    @Option(names = {"--colour", "--color"}, paramLabel = "STAT", defaultValue = "mean-abs",
            converter = StatisticName.class,
            description = "With --input: what colours the boxes: dead-units, saturation or mean-abs "
                    + "(default: ${DEFAULT-VALUE}).")
    NodeStatistic colour;

    @Option(names = "--example", paramLabel = "I", defaultValue = "0",
            description = "With --input: which example of the batch the glyphs show (default: ${DEFAULT-VALUE}).")
    int example;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        CommandLine commandLine = common.commandLine();
        String extension = format.toLowerCase(Locale.ROOT);
        if (!extension.equals("svg") && !extension.equals("png")) {
            throw new ParameterException(commandLine, "--format must be svg or png, not '" + format + "'");
        }
        if (example < 0) {
            throw new ParameterException(commandLine, "--example must be 0 or more, not " + example);
        }
        if (inputs.isEmpty() && (commandLine.getParseResult().hasMatchedOption("--colour")
                || commandLine.getParseResult().hasMatchedOption("--example"))) {
            throw new ParameterException(commandLine, "--colour and --example only apply with --input");
        }
        String fileName = FILE_NAME + "." + extension;
        // Cheap checks first, so that a typo fails before seconds of importing.
        ResultFiles files = ResultFiles.claim(OutputFolder.check(outFolder).path(), List.of(fileName), null,
                overwrite.allowed());
        Progress progress = common.progress(commandLine.getErr());
        ModelLoader.startNd4j(progress);
        InputFiles inputFiles = inputs.isEmpty() ? null : progress.step("reading " + (inputs.size() == 1
                ? inputs.get(0).file().getFileName().toString() : Formats.quantity(inputs.size(), "input file")),
                () -> InputFiles.read(inputs));
        InspectedModel model = inputFiles == null
                ? ModelLoader.openToDescribe(modelFiles.model(), modelFiles.config(), common, progress)
                : ModelLoader.open(modelFiles.model(), modelFiles.config(), common, progress);
        Map<String, INDArray> activations = Map.of();
        if (inputFiles != null) {
            Map<String, INDArray> arrays = InputFiles.arraysByName(inputFiles.forModel(model.inputNames()));
            long batch = arrays.values().stream().filter(array -> array.rank() > 0).mapToLong(array -> array.size(0))
                    .min().orElse(0);
            if (example >= batch) {
                throw KinspectException.input("--example " + example + " is not in the batch: it has " + batch
                        + (batch == 1 ? " example (0)" : " examples (0 to " + (batch - 1) + ")"));
            }
            activations = progress.step("running " + Formats.batch(arrays.values()), () -> model.activations(arrays));
        }
        Map<String, INDArray> outputs = activations;
        GraphPicture picture = progress.step("laying out the graph", () -> outputs.isEmpty()
                ? GraphPicture.of(model) : GraphPicture.of(model, outputs, colour, example));
        Path file = files.folder().resolve(fileName);
        progress.step("writing " + file, () -> {
            if (extension.equals("png")) {
                picture.writePng(file);
            } else {
                picture.writeSvg(file);
            }
            return file;
        });
        PrintWriter out = commandLine.getOut();
        if (common.json) {
            Json.print(out, toJson(picture, file, outputs.isEmpty() ? null : colour));
        } else {
            printText(out, picture, file, outputs.isEmpty() ? null : colour);
        }
        out.flush();
        return 0;
    }

    private void printText(PrintWriter out, GraphPicture picture, Path file, NodeStatistic statistic) {
        var graph = picture.layout().graph();
        out.println("wrote " + file + ": " + Formats.quantity(graph.nodes().size(), "layer call") + ", "
                + Formats.quantity(graph.edges().size(), "connection")
                + (graph.groups().isEmpty() ? "" : ", " + Formats.quantity(graph.groups().size(), "nested model")));
        if (statistic == null) {
            return;
        }
        out.println();
        TextTable table = new TextTable().left("layer").left("class").right(statistic.optionName());
        for (GraphNode node : graph.nodes()) {
            NodeActivity shown = picture.activity().get(node.name());
            if (shown != null) {
                table.row(node.name(), node.className(), Double.isNaN(shown.statistic()) ? "-"
                        : String.format(Locale.ROOT, "%.4g", shown.statistic()));
            }
        }
        table.print(out);
    }

    private Map<String, Object> toJson(GraphPicture picture, Path file, NodeStatistic statistic) {
        var graph = picture.layout().graph();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFiles.model().toString());
        document.put("file", file.toString());
        document.put("format", file.getFileName().toString().endsWith(".png") ? "png" : "svg");
        document.put("colour", statistic == null ? null : statistic.optionName());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (GraphNode node : graph.nodes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", node.name());
            entry.put("class_name", node.className());
            entry.put("output_shape", node.outputShape());
            entry.put("parameters", node.parameters());
            entry.put("input", node.input());
            entry.put("output", node.output());
            entry.put("shared_layer", node.sharedLayer());
            entry.put("call", node.shared() ? node.call() : null);
            entry.put("nested_model", node.group());
            NodeActivity shown = picture.activity().get(node.name());
            if (statistic != null) {
                entry.put(statistic.optionName(), shown == null || Double.isNaN(shown.statistic()) ? null : shown.statistic());
            }
            nodes.add(entry);
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        for (GraphEdge edge : graph.edges()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("from", edge.from());
            entry.put("to", edge.to());
            entry.put("output_index", edge.outputIndex());
            entry.put("shape", edge.shape());
            entry.put("state", edge.state());
            edges.add(entry);
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (NestedGroup group : graph.groups()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", group.name());
            entry.put("class_name", group.className());
            entry.put("inside", group.parent());
            groups.add(entry);
        }
        document.put("nodes", nodes);
        document.put("edges", edges);
        document.put("nested_models", groups);
        return document;
    }

    /** Reads {@code --colour}; a wrong name is a usage error that lists the right ones. */
    static final class StatisticName implements ITypeConverter<NodeStatistic> {
        @Override
        public NodeStatistic convert(String name) {
            NodeStatistic statistic = NodeStatistic.named(name);
            if (statistic == null) {
                throw new TypeConversionException("'" + name + "' is not a statistic; use one of "
                        + String.join(", ", Arrays.stream(NodeStatistic.values()).map(NodeStatistic::optionName).toList()));
            }
            return statistic;
        }
    }
}
