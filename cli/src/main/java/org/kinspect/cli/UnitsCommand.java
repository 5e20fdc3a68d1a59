package org.kinspect.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.batch.BatchListener;
import org.kinspect.batch.NpyBatches;
import org.kinspect.gates.GateSurvey;
import org.kinspect.report.DrawnCharts;
import org.kinspect.report.ExampleInputs;
import org.kinspect.report.ReportImage;
import org.kinspect.report.UnitSurveyCharts;
import org.kinspect.units.UnitSurvey;
import org.kinspect.units.UnitSurveyor;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code kinspect units MODEL --input X.npy --layer L}: runs a whole data set through the model in
 * batches and shows, for every unit of the layer, its mean, std, min and max, how often it is
 * exactly zero (and which units never fire), and the examples that excite it most (with the time
 * step of the peak for a sequence). Memory stays flat however many examples {@code X.npy} holds.
 *
 * <pre>{@code
 * $ kinspect units sine_lstm.keras --input x.npy --layer lstm_1
 * $ kinspect units model.h5 --input image=img.npy --input meta=meta.npy --layer dense_1 --top 5 --json
 * $ kinspect units model.h5 --input x.npy --layer conv --out units/     # CSV, JSON and PNG charts
 * }</pre>
 */
@Command(name = "units",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs every example of a data set through the model, a batch at a time, and shows what each unit "
                    + "of one layer does over all of them: its mean, std, min and max; the fraction of examples "
                    + "where it is exactly zero, and the dead units (zero on every example); and the examples "
                    + "that excite it most, with the time step of the peak for a sequence (max over time).",
            "",
            "With --out: units.csv (one row per unit), top_examples.csv (one row per unit and rank), "
                    + "units.json (as --json), unit_means.png (each unit's mean, std and range), dead_units.png "
                    + "(how often each unit is zero; the dead ones listed) and top_examples.png (the inputs of "
                    + "each unit's top examples, aligned at its peak; more pages as top_examples_2.png...)."},
        footer = {
            "",
            "Examples:",
            "  kinspect units sine_lstm.keras --input x.npy --layer lstm_1",
            "  kinspect units model.h5 --input x.npy --layer dense_1 --top 5 \\",
            "           --batch 1024 --out units/",
            "  kinspect units model.keras --input image=img.npy --input meta=meta.npy \\",
            "           --layer conv --json"})
final class UnitsCommand implements Callable<Integer> {

    @Mixin
    ModelArgument modelFiles;

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--layer", required = true, paramLabel = "NAME", description = "The layer whose units to survey.")
    String layer;

    @Option(names = "--top", paramLabel = "K", defaultValue = "" + UnitSurveyor.DEFAULT_TOP,
            description = "How many top examples to keep per unit (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--gates",
            description = "Also survey the gates inside the layer (LSTM, GRU, SimpleRNN, Bidirectional): each unit's "
                    + "gate means and how often each gate is closed (< 0.1) or open (> 0.9); with --out, gates.csv.")
    boolean gates;

    @Mixin
    SparkOption spark;

    @Mixin
    OutOptions results;

    @Mixin
    CommonOptions common;

    static final String UNITS_CSV = "units.csv";
    static final String TOP_CSV = "top_examples.csv";
    static final String UNITS_JSON = "units.json";
    static final String GATES_CSV = "gates.csv";

    @Override
    public Integer call() {
        CommandLine commandLine = common.commandLine();
        checkOptions(commandLine);
        if (spark.given()) {
            return callOnSpark(commandLine);
        }
        // Cheap checks first, so that a typo fails before seconds of importing.
        ResultFiles files = results.claim(resultNames(), "top_examples");
        DataSetFiles.checkReadable(dataSet.files());
        Progress progress = common.progress(commandLine.getErr());
        InspectedModel model = ModelLoader.open(modelFiles.model(), modelFiles.config(), common, progress);
        model.requireLayer(layer);
        // only the inputs the layer reads are needed
        try (NpyBatches data = dataSet.open(model, inputsFeeding(model, layer))) {
            // The gates first: a layer they cannot trace is refused before the longer survey.
            GateSurveyReport gateReport = !gates ? null : new GateSurveyReport(progress.step(
                    "tracing the gates of " + layer + " over the data set", () -> surveyGates(model, data)));
            long start = System.nanoTime();
            UnitSurvey survey = survey(model, data, commandLine.getErr());
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> remarks = new ArrayList<>();
            DrawnCharts charts = null;
            if (files != null) {
                String input = chartInput(model, layer, data);
                ExampleInputs lookup = index -> data.rows(index, index + 1).get(input).slice(0);
                charts = progress.step("drawing charts into " + results.folder(),
                        () -> UnitSurveyCharts.write(survey, input, lookup, files.folder()));
                remarks.addAll(charts.remarks());
            }
            UnitsReport report = new UnitsReport(survey, dataSet.batchSize(), seconds, remarks);
            if (files != null) {
                files.writeText(UNITS_CSV, report.unitsCsv());
                files.writeText(TOP_CSV, report.topExamplesCsv());
                if (gateReport != null) {
                    files.writeText(GATES_CSV, gateReport.csv());
                }
                files.add(charts.images().stream().map(ReportImage::file).toList());
                List<Path> listed = new ArrayList<>(files.written());
                listed.add(files.folder().resolve(UNITS_JSON));
                listed.add(files.folder().resolve(ResultFiles.INDEX));
                files.writeText(UNITS_JSON, Json.toText(withGates(report.toJson(modelFiles.model(), listed), gateReport)));
                StringWriter table = new StringWriter();
                report.printTable(new PrintWriter(table));
                if (gateReport != null) {
                    gateReport.printTable(new PrintWriter(table));
                }
                files.writeIndex("units of " + layer + " in " + modelFiles.model().getFileName(), table.toString());
            }
            PrintWriter out = commandLine.getOut();
            List<Path> written = files == null ? List.of() : files.written();
            if (common.json) {
                Json.print(out, withGates(report.toJson(modelFiles.model(), written), gateReport));
            } else {
                report.printTable(out);
                if (gateReport != null) {
                    gateReport.printTable(out);
                }
                if (!written.isEmpty()) {
                    out.println("wrote " + String.join(", ", written.stream().map(f -> f.getFileName().toString()).toList())
                            + " to " + results.folder());
                }
            }
            out.flush();
        }
        return 0;
    }

    /** The survey as a Spark job; table or JSON as without --spark (charts and gates need the examples at hand). */
    private int callOnSpark(CommandLine commandLine) {
        spark.refuseIf(results.given() || gates || modelFiles.config() != null || !common.plugins.isEmpty() || common.strict,
                commandLine, "--out, --gates, --config, --plugin or --strict", "table");
        SparkJob job = spark.job(modelFiles.model(), dataSet);
        long start = System.nanoTime();
        SparkRunner runner = SparkModule.runner();
        UnitSurvey survey = common.progress(commandLine.getErr()).step("surveying " + layer + " on Spark " + spark.master(),
                () -> runner.units(job, layer, top));
        UnitsReport report = new UnitsReport(survey, dataSet.batchSize(), (System.nanoTime() - start) / 1e9, List.of());
        PrintWriter out = commandLine.getOut();
        if (common.json) {
            Json.print(out, report.toJson(modelFiles.model(), List.of()));
        } else {
            report.printTable(out);
        }
        out.flush();
        return 0;
    }

    private List<String> resultNames() {
        List<String> names = new ArrayList<>(List.of(UNITS_CSV, TOP_CSV, UNITS_JSON, UnitSurveyCharts.MEANS,
                UnitSurveyCharts.DEAD, UnitSurveyCharts.TOP_EXAMPLES, ResultFiles.INDEX));
        if (gates) {
            names.add(GATES_CSV);
        }
        return names;
    }

    /** Traces the gates batch by batch: each batch's traces are summed up, then dropped. */
    private GateSurvey surveyGates(InspectedModel model, NpyBatches data) {
        GateSurvey survey = new GateSurvey();
        for (Map<String, INDArray> batch : data) {
            survey.add(model.gates(batch, layer));
        }
        return survey;
    }

    private static Map<String, Object> withGates(Map<String, Object> document, GateSurveyReport gateReport) {
        if (gateReport != null) {
            document.put("gates", gateReport.toJson());
        }
        return document;
    }

    private void checkOptions(CommandLine commandLine) {
        results.checkWith(commandLine);
        if (top < 0) {
            throw new ParameterException(commandLine, "--top must be 0 or more, not " + top);
        }
        dataSet.checkWith(commandLine);
    }

    private UnitSurvey survey(InspectedModel model, NpyBatches data, PrintWriter err) {
        UnitSurveyor surveyor = UnitSurveyor.of(model, layer).top(top);
        if (common.json || common.quiet) {
            return surveyor.survey(data, BatchListener.NONE);
        }
        ProgressBar bar = ProgressBar.start(err, "surveying " + layer, data.exampleCount());
        try {
            UnitSurvey survey = surveyor.survey(data, bar);
            bar.finish();
            return survey;
        } catch (RuntimeException e) {
            bar.fail();
            throw e;
        }
    }

    /**
     * The input the top-example charts show: of the inputs the layer reads (directly or not), the
     * first sequence, else the first vector, else the first.
     */
    private static String chartInput(InspectedModel model, String layer, NpyBatches data) {
        Set<String> feeding = inputsFeeding(model, layer);
        List<String> candidates = data.inputNames().stream().filter(feeding::contains).toList();
        if (candidates.isEmpty()) {
            candidates = data.inputNames();
        }
        for (int rank : new int[] {2, 1}) {
            for (String input : candidates) {
                if (data.exampleShape(input).length == rank) {
                    return input;
                }
            }
        }
        return candidates.get(0);
    }

    private static Set<String> inputsFeeding(InspectedModel model, String layer) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(layer));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (seen.add(name)) {
                model.layer(name).ifPresent(found -> pending.addAll(found.inboundLayers()));
            }
        }
        seen.retainAll(model.inputNames());
        return seen;
    }
}
