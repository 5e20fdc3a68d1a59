package org.kinspect.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.kinspect.InspectedModel;
import org.kinspect.batch.BatchListener;
import org.kinspect.batch.NpyBatches;
import org.kinspect.diff.ActivationShift;
import org.kinspect.diff.DataSetShift;
import org.kinspect.diff.ModelComparison;
import org.kinspect.diff.ModelDiffer;
import org.kinspect.diff.ModelDifference;
import org.kinspect.diff.ShiftSurveyor;
import org.kinspect.report.DiffCharts;
import org.kinspect.report.DrawnCharts;
import org.kinspect.report.ReportImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code kinspect diff}: what changed, layer by layer and unit by unit. Two models on one data
 * set ({@code kinspect diff A B --input X}): where their outputs part ways. One model on two data
 * sets ({@code kinspect diff MODEL --input X1 --against X2}): which units the second set lights up
 * differently (KL divergence, PSI, mean and std shift per unit). Both stream the data in batches.
 *
 * <pre>{@code
 * $ kinspect diff sine_lstm.keras sine_lstm_finetuned.keras --input x.npy
 * $ kinspect diff model.h5 model.keras --input x.npy --tolerance 1e-6 --json
 * $ kinspect diff sine_lstm.keras --input train.npy --against new.npy --bins 20 --out shift/
 * }</pre>
 */
@Command(name = "diff",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "What changed. Two models, one data set (kinspect diff A B --input X): for each layer of the same "
                    + "name and output shape in both, in A's order, the max and mean absolute difference |b - a|, "
                    + "the max and mean relative difference |b - a| / max(1, |a|) (the rule of kinspect verify), "
                    + "the cosine similarity of the outputs over every value, and the weights' relative change "
                    + "||W_b - W_a|| / ||W_a||; the first layer whose max relative difference is above --tolerance; "
                    + "the layers of either model that could not be matched.",
            "",
            "One model, two data sets (kinspect diff MODEL --input X1 --against X2): for each unit of each layer "
                    + "(the channel axis; every time step or pixel pooled), the KL divergence KL(first || second) "
                    + "and the population stability index PSI of its values' histograms, the change of its mean "
                    + "and std, and the units dead (0 on every value) in one set and alive in the other; the "
                    + "layers ranked by mean PSI. The bins: --bins equal bins over the unit's [min, max] in the "
                    + "first set, plus one below and one above for the second set's values outside it; each "
                    + "proportion counts as at least 1e-4, so an empty bin gives a large but finite term. The "
                    + "first set is read twice (its ranges, then its histograms), the second once.",
            "",
            "--json, two models: {\"mode\": \"models\", \"model_a\", \"model_b\", \"examples\", "
                    + "\"first_divergent_layer\": NAME or null, \"tolerance\", \"layers\": [{\"name\", \"output_shape\", "
                    + "\"max_abs_diff\", \"mean_abs_diff\", \"max_rel_diff\", \"mean_rel_diff\", \"cosine\", "
                    + "\"weight_rel_change\" (null without weights), \"non_finite\", \"divergent\"}], \"unmatched\": "
                    + "[{\"name\", \"model\", \"reason\"}], \"files\"}.",
            "--json, two data sets: {\"mode\": \"data_sets\", \"model\", \"input\", \"against\", \"examples\": [N1, N2], \"bins\", "
                    + "\"epsilon\", \"ranked\": [NAME...], \"layers\": [{\"name\", \"mean_kl\", \"mean_psi\", "
                    + "\"units\": [{\"unit\", \"kl\", \"psi\", \"mean_shift\", \"std_shift\", \"mean_first\", "
                    + "\"mean_second\", \"std_first\", \"std_second\", \"dead_in_first\", \"dead_in_second\", \"low\", "
                    + "\"high\", \"counts_first\", \"counts_second\"}]}], \"files\"}; counts are [below low, the bins..., "
                    + "above high].",
            "",
            "With --out: diff.json (as --json), index.html, and PNG charts: for two models layer_differences.png; "
                    + "for two data sets layer_shift.png, unit_shift.png (the most shifted layer) and "
                    + "shifted_units.png (both sets' histograms of its most shifted units)."},
        footer = {
            "",
            "Examples:",
            "  kinspect diff sine_lstm.keras sine_lstm_finetuned.keras --input x.npy",
            "  kinspect diff model.h5 model.keras --input x.npy --tolerance 1e-6 --json",
            "  kinspect diff sine_lstm.keras --input train.npy --against new.npy \\",
            "           --bins 20 --out shift/"})
final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "Keras model (A): .h5, .keras, or a tf.keras SavedModel folder (or its .zip, .tar.gz).")
    Path modelFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "MODEL_B",
            description = "A second model to compare with the first on the --input data.")
    Path secondModel;

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--against", paramLabel = "[NAME=]FILE", converter = InputArgument.Converter.class,
            description = "A second data set, of the same dataSet.inputs(), to compare with --input on one model.")
    List<InputArgument> against = new ArrayList<>();

    @Option(names = "--layer", paramLabel = "NAME", description = "Only these layers (default: every layer with an output of its own).")
    List<String> layers = new ArrayList<>();

    @Option(names = "--tolerance", paramLabel = "T",
            description = "Two models: a layer diverges when its max relative difference is above T (default: "
                    + ModelComparison.DEFAULT_TOLERANCE + ").")
    Double tolerance;

    @Option(names = "--bins", paramLabel = "N",
            description = "Two data sets: histogram bins per unit over the first set's range (default: "
                    + ActivationShift.DEFAULT_BINS + ").")
    Integer bins;

    @Mixin
    OutOptions results;

    @Mixin
    CommonOptions common;

    static final String DIFF_JSON = "diff.json";

    @Override
    public Integer call() {
        CommandLine commandLine = common.commandLine();
        checkOptions(commandLine);
        boolean models = secondModel != null;
        List<String> names = new ArrayList<>(List.of(DIFF_JSON, ResultFiles.INDEX));
        names.addAll(models ? List.of(DiffCharts.LAYER_DIFFERENCES)
                : List.of(DiffCharts.LAYER_SHIFT, DiffCharts.UNIT_SHIFT, DiffCharts.SHIFTED_UNITS));
        ResultFiles files = results.claim(names, null);
        DataSetFiles.checkReadable(dataSet.files());
        DataSetFiles.checkReadable(against.stream().map(InputArgument::file).toList());
        Progress progress = common.progress(commandLine.getErr());
        InspectedModel model = ModelLoader.open(modelFile, null, common, progress);
        layers.forEach(model::requireLayer); // before a second import
        PrintWriter out = commandLine.getOut();
        if (models) {
            InspectedModel other = ModelLoader.open(secondModel, null, common, progress);
            ModelDifference difference;
            try (NpyBatches data = dataSet.open(model)) {
                ModelDiffer differ = ModelDiffer.of(model, other)
                        .tolerance(tolerance == null ? ModelComparison.DEFAULT_TOLERANCE : tolerance).layers(layers);
                difference = withBar(commandLine, "comparing the models", data.exampleCount(),
                        listener -> differ.compare(data, listener));
            }
            ModelDiffReport report = new ModelDiffReport(difference, modelFile, secondModel);
            finish(out, files, report::printTable, report::toJson, folder -> DiffCharts.writeModels(difference, folder),
                    "diff of " + modelFile.getFileName() + " and " + secondModel.getFileName());
        } else {
            DataSetShift shift;
            try (NpyBatches first = dataSet.open(model);
                    NpyBatches second = DataSetFiles.open(against, model, dataSet.batchSize())) {
                ShiftSurveyor surveyor = ShiftSurveyor.of(model)
                        .bins(bins == null ? ActivationShift.DEFAULT_BINS : bins);
                ShiftSurveyor chosen = layers.isEmpty() ? surveyor : surveyor.layers(layers);
                shift = withBar(commandLine, "surveying both data sets", 2 * first.exampleCount() + second.exampleCount(),
                        listener -> chosen.survey(first, second, listener));
            }
            ShiftReport report = new ShiftReport(shift, modelFile, dataSet.inputs(), against);
            finish(out, files, report::printTable, report::toJson, folder -> DiffCharts.writeShift(shift, folder),
                    "shift between data sets in " + modelFile.getFileName());
        }
        out.flush();
        return 0;
    }

    private void finish(PrintWriter out, ResultFiles files, java.util.function.Consumer<PrintWriter> table,
            Function<List<Path>, Map<String, Object>> json, Function<Path, DrawnCharts> charts, String title) {
        if (files != null) {
            DrawnCharts drawn = charts.apply(files.folder());
            files.add(drawn.images().stream().map(ReportImage::file).toList());
            List<Path> listed = new ArrayList<>(files.written());
            listed.add(files.folder().resolve(DIFF_JSON));
            listed.add(files.folder().resolve(ResultFiles.INDEX));
            files.writeText(DIFF_JSON, Json.toText(json.apply(listed)));
            StringWriter text = new StringWriter();
            table.accept(new PrintWriter(text));
            files.writeIndex(title, text.toString());
        }
        List<Path> written = files == null ? List.of() : files.written();
        if (common.json) {
            Json.print(out, json.apply(written));
        } else {
            table.accept(out);
            if (!written.isEmpty()) {
                out.println("wrote " + String.join(", ", written.stream().map(f -> f.getFileName().toString()).toList())
                        + " to " + results.folder());
            }
        }
    }

    private <T> T withBar(CommandLine commandLine, String label, long total, Function<BatchListener, T> work) {
        if (common.json || common.quiet) {
            return work.apply(BatchListener.NONE);
        }
        ProgressBar bar = ProgressBar.start(commandLine.getErr(), label, total);
        try {
            T result = work.apply(bar);
            bar.finish();
            return result;
        } catch (RuntimeException e) {
            bar.fail();
            throw e;
        }
    }

    private void checkOptions(CommandLine commandLine) {
        results.checkWith(commandLine);
        if (secondModel == null && against.isEmpty()) {
            throw new ParameterException(commandLine, "give a second model (kinspect diff A B --input X) or a second "
                    + "data set (kinspect diff MODEL --input X1 --against X2)");
        }
        if (secondModel != null && !against.isEmpty()) {
            throw new ParameterException(commandLine, "give a second model or --against, not both: two models are "
                    + "compared on one data set, two data sets on one model");
        }
        if (secondModel != null && bins != null) {
            throw new ParameterException(commandLine, "--bins applies to two data sets (--against), not to two models");
        }
        if (secondModel == null && tolerance != null) {
            throw new ParameterException(commandLine, "--tolerance applies to two models, not to two data sets (--against)");
        }
        if (tolerance != null && !(tolerance >= 0 && Double.isFinite(tolerance))) {
            throw new ParameterException(commandLine, "--tolerance must be a number 0 or more, not " + tolerance);
        }
        if (bins != null && bins < 1) {
            throw new ParameterException(commandLine, "--bins must be 1 or more, not " + bins);
        }
        dataSet.checkWith(commandLine);
    }
}
