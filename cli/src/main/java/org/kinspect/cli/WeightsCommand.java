package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.ModelLayer;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.ActivationStatistics;
import org.kinspect.report.LayerFileNames;
import org.kinspect.report.Report;
import org.kinspect.report.ReportOptions;
import org.kinspect.report.ReportWriter;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code kinspect weights MODEL}: every weight tensor of every (or each chosen) layer, by Keras
 * name and in Keras's shape, with its statistics; with {@code --out}, each as a {@code .npy} file
 * plus a report of Hinton diagrams and histograms.
 *
 * <pre>{@code
 * $ kinspect weights model.h5
 * $ kinspect weights model.h5 --layer lstm_1 --out weights/   # lstm_1.weights.kernel.npy, index.html...
 * }</pre>
 */
@Command(name = "weights",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Shows each weight tensor of the model by Keras name, in Keras's shape, with its min / mean / "
                + "max and the fraction that is exactly zero. With --out, also writes each tensor as "
                + "LAYER.weights.NAME.npy, its Hinton diagram and histogram as PNGs, and an index.html showing them.",
        footer = {
            "",
            "Examples:",
            "  kinspect weights model.keras",
            "  kinspect weights model.h5 --layer lstm_1 --json",
            "  kinspect weights model.h5 --layer lstm_1 --layer dense --out weights/",
            "  kinspect weights weights.h5 --config model.json --out weights/ --force"})
final class WeightsCommand implements Callable<Integer> {

    @Mixin
    ModelArgument modelFiles;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "Show only this layer's weights (repeatable). Default: every layer with weights.")
    List<String> layers = new ArrayList<>();

    @Mixin
    OutOptions results;

    @Mixin
    CommonOptions common;

    /**
     * One weight tensor.
     *
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param name the Keras weight name
     * @param values the tensor, in Keras's shape
     * @param fileName its {@code .npy} file name under {@code --out}
     */
    private record Weight(String layer, String className, String name, INDArray values, String fileName) {}

    @Override
    public Integer call() {
        CommandLine commandLine = common.commandLine();
        results.checkWith(commandLine);
        OutputFolder folder = results.check();
        Progress progress = common.progress(commandLine.getErr());
        InspectedModel model = ModelLoader.open(modelFiles.model(), modelFiles.config(), common, progress);
        List<Weight> weights = weights(model, KinspectCommand.shownLayers(model, layers));
        sayWhichHaveNoWeights(model, weights, progress);

        Map<String, Path> written = Map.of();
        Report report = null;
        if (folder != null) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (Weight weight : weights) {
                names.put(weight.fileName(), weight.fileName());
                arrays.put(weight.fileName(), weight.values());
            }
            Map<String, Path> files = folder.plan(names, results.force());
            written = progress.step("writing " + Formats.quantity(files.size(), ".npy file") + " to " + results.folder(),
                    () -> folder.write(files, arrays));
            ReportOptions options = ReportOptions.defaults().withWeights(true).withLayers(layers);
            report = progress.step("drawing the report " + results.folder().resolve(ReportWriter.INDEX),
                    () -> ReportWriter.write(model, Map.of(), options, folder.path()));
        }
        PrintWriter out = commandLine.getOut();
        if (common.json) {
            Json.print(out, toJson(weights, written, report));
        } else {
            printTable(out, weights, written, folder != null);
        }
        out.flush();
        return 0;
    }

    /**
     * A layer asked for by name that has no weights is said so: an error when none of them has
     * any (an empty table would look like a failure to read them), a warning otherwise.
     */
    private void sayWhichHaveNoWeights(InspectedModel model, List<Weight> weights, Progress progress) {
        if (layers.isEmpty()) {
            return;
        }
        Set<String> withWeights = new HashSet<>();
        weights.forEach(weight -> withWeights.add(weight.layer()));
        List<String> without = new ArrayList<>();
        for (String layer : new LinkedHashSet<>(layers)) {
            if (!withWeights.contains(layer)) {
                ModelLayer described = model.requireLayer(layer);
                without.add("layer '" + layer + "' (" + described.className() + ") has no weights"
                        + (described.isLaterCall() ? " of its own: it computes with those of '" + described.weightsOwner()
                                + "'" : ""));
            }
        }
        if (without.isEmpty()) {
            return;
        }
        if (weights.isEmpty()) {
            List<String> having = model.layerNames().stream().filter(layer -> !model.weights(layer).isEmpty()).toList();
            throw KinspectException.input(String.join("; ", without) + "; the layers with weights: "
                    + (having.isEmpty() ? "none" : String.join(", ", having)));
        }
        without.forEach(progress::warning);
    }

    /** Every weight of the layers, in layer order, each with its file name by {@link LayerFileNames}. */
    private static List<Weight> weights(InspectedModel model, List<String> layers) {
        List<Weight> weights = new ArrayList<>();
        Map<String, String> layerStems = LayerFileNames.stems(layers);
        for (String layer : layers) {
            String className = model.layer(layer).map(ModelLayer::className).orElse("?");
            Map<String, INDArray> tensors = model.weights(layer);
            Map<String, String> weightStems = LayerFileNames.stems(List.copyOf(tensors.keySet()));
            tensors.forEach((name, values) -> weights.add(new Weight(layer, className, name, values,
                    LayerFileNames.weightFile(layerStems.get(layer), weightStems.get(name), "npy"))));
        }
        return weights;
    }

    private static void printTable(PrintWriter out, List<Weight> weights, Map<String, Path> written, boolean withFiles) {
        TextTable table = new TextTable().left("layer").left("class").left("weight").left("shape")
                .right("min").right("mean").right("max").right("zeros").right("NaN").right("Inf");
        if (withFiles) {
            table.left("file");
        }
        for (Weight weight : weights) {
            ActivationStatistics statistics = ActivationStatistics.of(weight.values());
            List<String> cells = new ArrayList<>(List.of(weight.layer(), weight.className(), weight.name(),
                    Formats.shape(weight.values().shape()), Formats.statistic(statistics.min()),
                    Formats.statistic(statistics.mean()), Formats.statistic(statistics.max()),
                    Formats.percent(statistics.zeroFraction()), Long.toString(statistics.nanCount()),
                    Long.toString(statistics.infinityCount())));
            if (withFiles) {
                Path file = written.get(weight.fileName());
                cells.add(file == null ? Formats.NONE : file.getFileName().toString());
            }
            table.row(cells.toArray(String[]::new));
        }
        table.print(out);
    }

    private Map<String, Object> toJson(List<Weight> weights, Map<String, Path> written, Report report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFiles.model().toString());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Weight weight : weights) {
            ActivationStatistics statistics = ActivationStatistics.of(weight.values());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("layer", weight.layer());
            entry.put("class", weight.className());
            entry.put("name", weight.name());
            entry.put("shape", weight.values().shape());
            entry.put("min", Formats.finiteOrNull(statistics.min()));
            entry.put("mean", Formats.finiteOrNull(statistics.mean()));
            entry.put("max", Formats.finiteOrNull(statistics.max()));
            entry.put("zero_fraction", statistics.zeroFraction());
            entry.put("nan_count", statistics.nanCount());
            entry.put("inf_count", statistics.infinityCount());
            Path file = written.get(weight.fileName());
            entry.put("file", file == null ? null : file.toString());
            entries.add(entry);
        }
        document.put("weights", entries);
        document.put("report", report == null ? null : report.index().toString());
        return document;
    }
}
