package org.kinspect.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.ModelLayer;
import org.kinspect.batch.BatchListener;
import org.kinspect.batch.NpyBatches;
import org.kinspect.errors.KinspectException;
import org.kinspect.eval.Evaluation;
import org.kinspect.eval.Evaluator;
import org.kinspect.eval.NpyLabelledBatches;
import org.kinspect.eval.OutputKind;
import org.kinspect.report.DrawnCharts;
import org.kinspect.report.EvaluationCharts;
import org.kinspect.report.ReportImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * {@code kinspect eval MODEL --input X.npy --labels y.npy}: runs a labelled data set through the
 * model in batches and scores it: the confusion matrix (counts and rows as fractions), each class's
 * precision, recall, F1 and support, accuracy, macro and weighted F1, and calibration; with
 * {@code --reference}, how well our predictions agree with Keras's on the same inputs.
 *
 * <pre>{@code
 * $ kinspect eval sine_lstm.keras --input x.npy --labels y.npy --reference keras_pred.npy
 * $ kinspect eval fraud.h5 --input x.npy --labels y.npy --threshold 0.3 --json
 * $ kinspect eval tagger.keras --input x.npy --labels tags.npy --out eval/   # CSV, JSON and PNGs
 * }</pre>
 */
@Command(name = "eval",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs every example of a labelled data set through the model, a batch at a time, and scores its "
                    + "predictions: the confusion matrix (rows = true class, columns = predicted; counts, and each "
                    + "row as fractions), each class's precision, recall, F1 and support, accuracy, macro and "
                    + "weighted F1, and calibration (expected calibration error, Brier score, log loss).",
            "",
            "The output layer's activation says what is predicted: one sigmoid is binary (class 1 from "
                    + "--threshold), a softmax multi-class (the most probable class), several sigmoids multi-label "
                    + "(each label from --threshold; scores per label, accuracy = every label right). Labels are "
                    + "class indices (N,) or one-hot rows (N, K); 0/1 rows (N, K) for a multi-label model.",
            "",
            "With --out: eval.json (as --json), per_class.csv, confusion.csv, confusion.png (the row-normalised "
                    + "matrix, each class's error rate on its right) and calibration.png (reliability diagram)."},
        footer = {
            "",
            "Examples:",
            "  kinspect eval sine_lstm.keras --input x.npy --labels y.npy \\",
            "           --reference keras_pred.npy",
            "  kinspect eval model.h5 --input x.npy --labels y.npy --threshold 0.3 \\",
            "           --out eval/",
            "  kinspect eval model.keras --input x.npy --labels y.npy \\",
            "           --class-names sine,square,saw --json"})
final class EvalCommand implements Callable<Integer> {

    @Mixin
    ModelArgument modelFiles;

    @Mixin
    DataSetOptions dataSet;

    @Option(names = "--labels", required = true, paramLabel = "FILE",
            description = "The true labels as a .npy file, one per example: class indices or one-hot rows; 0/1 rows "
                    + "for a multi-label model.")
    Path labelsFile;

    @Option(names = "--threshold", paramLabel = "T",
            description = "From this probability a sigmoid output counts as predicted (default: 0.5). Not used by a "
                    + "softmax output, whose most probable class is predicted.")
    Double threshold;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "Predictions saved from Keras for the same inputs (np.save(FILE, model.predict(x))): shows "
                    + "how often the predicted classes agree and the largest difference of probabilities.")
    Path referenceFile;

    @Option(names = "--output", paramLabel = "NAME",
            description = "The layer to score, for a model with several outputs (default: the model's output).")
    String outputLayer;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "binary, multiclass or multilabel, when the output layer's activation does not say "
                    + "(default: read from it).")
    String kind;

    @Option(names = "--class-names", split = ",", paramLabel = "NAME",
            description = "Names for the classes (or labels) in tables and charts, in class order, comma-separated.")
    List<String> classNames = new ArrayList<>();

    @Mixin
    SparkOption spark;

    @Mixin
    OutOptions results;

    @Mixin
    CommonOptions common;

    static final String EVAL_JSON = "eval.json";
    static final String PER_CLASS_CSV = "per_class.csv";
    static final String CONFUSION_CSV = "confusion.csv";

    @Override
    public Integer call() {
        CommandLine commandLine = common.commandLine();
        checkOptions(commandLine);
        OutputKind givenKind = givenKind(commandLine);
        if (spark.given()) {
            return callOnSpark(commandLine, givenKind);
        }
        // Cheap checks first, so that a typo fails before seconds of importing.
        ResultFiles files = results.claim(List.of(EVAL_JSON, PER_CLASS_CSV, CONFUSION_CSV, EvaluationCharts.CONFUSION,
                EvaluationCharts.CALIBRATION, ResultFiles.INDEX), null);
        List<Path> dataFiles = new ArrayList<>(dataSet.files());
        dataFiles.add(labelsFile);
        if (referenceFile != null) {
            dataFiles.add(referenceFile);
        }
        DataSetFiles.checkReadable(dataFiles);
        Progress progress = common.progress(commandLine.getErr());
        InspectedModel model = ModelLoader.open(modelFiles.model(), modelFiles.config(), common, progress);
        Evaluator evaluator = evaluator(model, givenKind);
        Evaluation evaluation;
        try (NpyBatches data = dataSet.open(model);
                NpyLabelledBatches labelled = NpyLabelledBatches.open(data, labelsFile, referenceFile)) {
            evaluation = evaluate(evaluator, labelled, commandLine.getErr());
        }
        if (!classNames.isEmpty() && classNames.size() != evaluation.classes()) {
            throw KinspectException.input("--class-names gives " + classNames.size() + " names but the model has "
                    + evaluation.classes() + (evaluation.kind() == OutputKind.MULTI_LABEL ? " labels" : " classes"));
        }
        List<String> remarks = new ArrayList<>();
        if (threshold != null && evaluation.kind() == OutputKind.MULTI_CLASS) {
            remarks.add("--threshold is not used: a softmax output predicts its most probable class");
        }
        EvalReport report = new EvalReport(evaluation, evaluator.outputLayer(), classNames, referenceFile, remarks);
        if (files != null) {
            String className = model.layer(evaluator.outputLayer()).map(ModelLayer::className).orElse("?");
            DrawnCharts charts = progress.step("drawing charts into " + results.folder(), () -> EvaluationCharts.write(
                    evaluation, evaluator.outputLayer(), className, classNames, files.folder()));
            files.writeText(PER_CLASS_CSV, report.perClassCsv());
            files.writeText(CONFUSION_CSV, report.confusionCsv());
            files.add(charts.images().stream().map(ReportImage::file).toList());
            List<Path> listed = new ArrayList<>(files.written());
            listed.add(files.folder().resolve(EVAL_JSON));
            listed.add(files.folder().resolve(ResultFiles.INDEX));
            files.writeText(EVAL_JSON, Json.toText(report.toJson(modelFiles.model(), listed)));
            StringWriter table = new StringWriter();
            report.printTables(new PrintWriter(table));
            files.writeIndex("evaluation of " + evaluator.outputLayer() + " in " + modelFiles.model().getFileName(), table.toString());
        }
        PrintWriter out = commandLine.getOut();
        List<Path> written = files == null ? List.of() : files.written();
        if (common.json) {
            Json.print(out, report.toJson(modelFiles.model(), written));
        } else {
            report.printTables(out);
            if (!written.isEmpty()) {
                out.println("wrote " + String.join(", ", written.stream().map(f -> f.getFileName().toString()).toList())
                        + " to " + results.folder());
            }
        }
        out.flush();
        return 0;
    }

    /** The evaluation as a Spark job; table or JSON as without --spark (charts need the examples at hand). */
    private int callOnSpark(CommandLine commandLine, OutputKind givenKind) {
        spark.refuseIf(results.given() || modelFiles.config() != null || !common.plugins.isEmpty() || common.strict,
                commandLine, "--out, --config, --plugin or --strict", "tables");
        SparkJob job = spark.job(modelFiles.model(), dataSet);
        SparkRunner runner = SparkModule.runner();
        SparkRunner.Scored scored = common.progress(commandLine.getErr()).step("evaluating on Spark " + spark.master(),
                () -> runner.evaluate(job, labelsFile.toString(), referenceFile == null ? null : referenceFile.toString(),
                        outputLayer, givenKind == null ? null : kind,
                        threshold == null ? Evaluator.DEFAULT_THRESHOLD : threshold));
        Evaluation evaluation = scored.evaluation();
        if (!classNames.isEmpty() && classNames.size() != evaluation.classes()) {
            throw KinspectException.input("--class-names gives " + classNames.size() + " names but the model has "
                    + evaluation.classes() + (evaluation.kind() == OutputKind.MULTI_LABEL ? " labels" : " classes"));
        }
        List<String> remarks = new ArrayList<>();
        if (threshold != null && evaluation.kind() == OutputKind.MULTI_CLASS) {
            remarks.add("--threshold is not used: a softmax output predicts its most probable class");
        }
        EvalReport report = new EvalReport(evaluation, scored.outputLayer(), classNames, referenceFile, remarks);
        PrintWriter out = commandLine.getOut();
        if (common.json) {
            Json.print(out, report.toJson(modelFiles.model(), List.of()));
        } else {
            report.printTables(out);
        }
        out.flush();
        return 0;
    }

    private void checkOptions(CommandLine commandLine) {
        results.checkWith(commandLine);
        dataSet.checkWith(commandLine);
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            throw new ParameterException(commandLine, "--threshold must be strictly between 0 and 1, not " + threshold);
        }
    }

    /** @return the kind --kind gives, or null; a wrong one is a usage error naming the option */
    private OutputKind givenKind(CommandLine commandLine) {
        try {
            return kind == null ? null : OutputKind.parse(kind);
        } catch (KinspectException e) {
            throw new ParameterException(commandLine, "--kind " + kind + ": give binary, multiclass or multilabel");
        }
    }

    private Evaluator evaluator(InspectedModel model, OutputKind givenKind) {
        Evaluator evaluator = outputLayer == null ? Evaluator.of(model) : Evaluator.of(model, outputLayer);
        evaluator = evaluator.threshold(threshold == null ? Evaluator.DEFAULT_THRESHOLD : threshold);
        return givenKind == null ? evaluator : evaluator.kind(givenKind);
    }

    private Evaluation evaluate(Evaluator evaluator, NpyLabelledBatches data, PrintWriter err) {
        String labels = labelsFile.toString();
        if (common.json || common.quiet) {
            return evaluator.evaluate(data, BatchListener.NONE, labels);
        }
        ProgressBar bar = ProgressBar.start(err, "evaluating " + evaluator.outputLayer(), data.exampleCount());
        try {
            Evaluation evaluation = evaluator.evaluate(data, bar, labels);
            bar.finish();
            return evaluation;
        } catch (RuntimeException e) {
            bar.fail();
            throw e;
        }
    }
}
