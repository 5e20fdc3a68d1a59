package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.kinspect.eval.Calibration;
import org.kinspect.eval.ClassScores;
import org.kinspect.eval.Evaluation;
import org.kinspect.eval.OutputKind;
import org.kinspect.eval.ReferenceAgreement;

/**
 * An {@link Evaluation} as {@code kinspect eval} shows it: tables for people, one JSON object for
 * scripts ({@code --json}, and {@code eval.json} under {@code --out}), and CSV tables
 * ({@code per_class.csv}, {@code confusion.csv}).
 *
 * <pre>{@code
 * EvalReport report = new EvalReport(evaluation, "classes", List.of(), referenceFile, remarks);
 * report.printTables(out);
 * }</pre>
 */
final class EvalReport {
    private final Evaluation evaluation;
    private final String output;
    private final List<String> names;
    private final Path referenceFile;
    private final List<String> remarks;

    /**
     * @param evaluation the scores
     * @param output the output layer scored
     * @param classNames a name per class, or empty for their indices
     * @param referenceFile the {@code --reference} file, or null
     * @param remarks notes to print with the results
     */
    EvalReport(Evaluation evaluation, String output, List<String> classNames, Path referenceFile, List<String> remarks) {
        this.evaluation = evaluation;
        this.output = output;
        this.referenceFile = referenceFile;
        this.remarks = List.copyOf(remarks);
        List<String> shown = new ArrayList<>(classNames);
        for (int k = shown.size(); k < evaluation.classes(); k++) {
            shown.add(Integer.toString(k));
        }
        this.names = shown;
    }

    private boolean multiLabel() {
        return evaluation.kind() == OutputKind.MULTI_LABEL;
    }

    void printTables(PrintWriter out) {
        out.println(headline());
        out.println();
        if (multiLabel()) {
            printLabelConfusions(out);
        } else {
            printConfusion(out);
        }
        out.println();
        printScores(out);
        out.println();
        Calibration calibration = evaluation.calibration();
        out.println(String.format(Locale.ROOT, "calibration (%d bins of %s): expected calibration error %.4f, largest gap"
                + " %.4f; Brier %.4f; log loss %.4f", calibration.bins().size(), binned(), calibration.expectedError(),
                calibration.maximumError(), calibration.brier(), calibration.logLoss()));
        ReferenceAgreement reference = evaluation.reference();
        if (reference != null) {
            out.println(referenceLine(reference));
        }
        for (String remark : remarks) {
            out.println("note: " + remark);
        }
    }

    private String headline() {
        String kind = switch (evaluation.kind()) {
            case BINARY -> String.format(Locale.ROOT, "binary (one sigmoid, class 1 from p >= %.2f)", evaluation.threshold());
            case MULTI_CLASS -> "multi-class (softmax over " + evaluation.classes() + " classes, the most probable predicted)";
            case MULTI_LABEL -> String.format(Locale.ROOT, "multi-label (%d sigmoids, a label predicted from p >= %.2f)",
                    evaluation.classes(), evaluation.threshold());
        };
        String scores = String.format(Locale.ROOT, "accuracy %.4f%s, macro F1 %.4f, weighted F1 %.4f",
                evaluation.accuracy(), multiLabel() ? String.format(Locale.ROOT, " (every label right; per label %.4f)",
                        evaluation.labelAccuracy()) : "", evaluation.macroF1(), evaluation.weightedF1());
        return output + " over " + Formats.count(evaluation.examples()) + " examples: " + kind + "\n" + scores;
    }

    private void printConfusion(PrintWriter out) {
        long[][] counts = evaluation.confusionMatrix();
        double[][] fractions = evaluation.rowFractions(0);
        List<ClassScores> scores = evaluation.perClass();
        out.println("confusion matrix: rows = true class, columns = predicted; counts, then each row as fractions");
        TextTable table = new TextTable().left("true \\ predicted");
        names.forEach(table::right);
        table.right("support").right("error rate");
        for (int row = 0; row < counts.length; row++) {
            List<String> cells = new ArrayList<>(List.of(names.get(row)));
            for (long count : counts[row]) cells.add(Formats.count(count));
            cells.add(Formats.count(scores.get(row).support()));
            cells.add(scores.get(row).support() == 0 ? Formats.NONE : Formats.percent(scores.get(row).errorRate()));
            table.row(cells.toArray(String[]::new));
        }
        table.print(out);
        out.println();
        TextTable normalised = new TextTable().left("true \\ predicted");
        names.forEach(normalised::right);
        for (int row = 0; row < fractions.length; row++) {
            List<String> cells = new ArrayList<>(List.of(names.get(row)));
            for (double fraction : fractions[row]) cells.add(fraction(fraction));
            normalised.row(cells.toArray(String[]::new));
        }
        normalised.print(out);
    }

    private void printLabelConfusions(PrintWriter out) {
        out.println("each label: true negatives, false positives, false negatives, true positives");
        TextTable table = new TextTable().left("label").right("TN").right("FP").right("FN").right("TP");
        List<long[][]> matrices = evaluation.confusion();
        for (int label = 0; label < matrices.size(); label++) {
            long[][] m = matrices.get(label);
            table.row(names.get(label), Formats.count(m[0][0]), Formats.count(m[0][1]), Formats.count(m[1][0]),
                    Formats.count(m[1][1]));
        }
        table.print(out);
    }

    private void printScores(PrintWriter out) {
        TextTable table = new TextTable().left(multiLabel() ? "label" : "class").right("precision").right("recall")
                .right("F1").right("support");
        for (ClassScores scores : evaluation.perClass()) {
            table.row(names.get(scores.classIndex()), fraction(scores.precision()), fraction(scores.recall()),
                    fraction(scores.f1()), Formats.count(scores.support()));
        }
        table.row("macro avg", fraction(mean(ClassScores::precision)), fraction(mean(ClassScores::recall)),
                fraction(evaluation.macroF1()), Formats.count(totalSupport()));
        table.row("weighted avg", fraction(weighted(ClassScores::precision)), fraction(weighted(ClassScores::recall)),
                fraction(evaluation.weightedF1()), Formats.count(totalSupport()));
        table.print(out);
    }

    private double mean(ToDoubleFunction<ClassScores> score) {
        return evaluation.perClass().stream().mapToDouble(score).average().orElse(Double.NaN);
    }

    private double weighted(ToDoubleFunction<ClassScores> score) {
        long support = totalSupport();
        return support == 0 ? Double.NaN
                : evaluation.perClass().stream().mapToDouble(s -> score.applyAsDouble(s) * s.support()).sum() / support;
    }

    private long totalSupport() {
        return evaluation.perClass().stream().mapToLong(ClassScores::support).sum();
    }

    private String binned() {
        return switch (evaluation.kind()) {
            case MULTI_CLASS -> "the predicted class's probability";
            case BINARY -> "the probability of class 1";
            case MULTI_LABEL -> "every label's probability";
        };
    }

    private String referenceLine(ReferenceAgreement reference) {
        String what = multiLabel() ? "all labels" : "predicted classes";
        String line = String.format(Locale.ROOT, "reference %s: %s agree on %s of %s examples (%s); max abs probability"
                + " difference %s (example %d, %s %s)", referenceFile.getFileName(), what, Formats.count(reference.agreeing()),
                Formats.count(reference.examples()), Formats.percent(reference.agreement()),
                Formats.error(reference.maxAbsDifference()), reference.maxDifferenceExample(),
                multiLabel() ? "label" : "class", names.get(Math.min(names.size() - 1,
                        evaluation.kind() == OutputKind.BINARY ? 1 : reference.maxDifferenceClass())));
        if (!reference.disagreements().isEmpty()) {
            line += "; they differ on examples " + String.join(", ", reference.disagreements().stream()
                    .map(String::valueOf).toList()) + (reference.examples() - reference.agreeing()
                    > reference.disagreements().size() ? ", ..." : "");
        }
        return line;
    }

    private static String fraction(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : Formats.NONE;
    }

    /**
     * @param modelFile the MODEL argument
     * @param files the files written under {@code --out}; empty without it
     * @return the {@code --json} document
     */
    Map<String, Object> toJson(Path modelFile, List<Path> files) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFile.toString());
        document.put("output", output);
        document.put("kind", evaluation.kind().label());
        document.put("examples", evaluation.examples());
        document.put("threshold", evaluation.kind() == OutputKind.MULTI_CLASS ? null : evaluation.threshold());
        document.put("classes", evaluation.classes());
        document.put("class_names", names);
        document.put("confusion", multiLabel() ? evaluation.confusion() : evaluation.confusionMatrix());
        List<Object> normalised = new ArrayList<>();
        for (int matrix = 0; matrix < evaluation.confusion().size(); matrix++) {
            normalised.add(finite(evaluation.rowFractions(matrix)));
        }
        document.put("confusion_normalized", multiLabel() ? normalised : normalised.get(0));
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (ClassScores scores : evaluation.perClass()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("class", scores.classIndex());
            entry.put("name", names.get(scores.classIndex()));
            entry.put("precision", scores.precision());
            entry.put("recall", scores.recall());
            entry.put("f1", scores.f1());
            entry.put("support", scores.support());
            entry.put("predicted", scores.predicted());
            entry.put("error_rate", scores.errorRate());
            perClass.add(entry);
        }
        document.put("per_class", perClass);
        document.put("accuracy", Formats.finiteOrNull(evaluation.accuracy()));
        if (multiLabel()) {
            document.put("label_accuracy", Formats.finiteOrNull(evaluation.labelAccuracy()));
        }
        document.put("macro_f1", Formats.finiteOrNull(evaluation.macroF1()));
        document.put("weighted_f1", Formats.finiteOrNull(evaluation.weightedF1()));
        document.put("calibration", calibrationJson(evaluation.calibration()));
        ReferenceAgreement reference = evaluation.reference();
        if (reference != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", referenceFile.toString());
            entry.put("examples", reference.examples());
            entry.put("agreeing", reference.agreeing());
            entry.put("agreement", Formats.finiteOrNull(reference.agreement()));
            entry.put("max_abs_difference", Formats.finiteOrNull(reference.maxAbsDifference()));
            entry.put("max_difference_example", reference.maxDifferenceExample());
            entry.put("max_difference_class", reference.maxDifferenceClass());
            entry.put("disagreements", reference.disagreements());
            document.put("reference", entry);
        }
        document.put("remarks", remarks);
        List<String> fileNames = new ArrayList<>();
        files.forEach(file -> fileNames.add(file.toString()));
        document.put("files", fileNames);
        return document;
    }

    private static Map<String, Object> calibrationJson(Calibration calibration) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("expected_error", Formats.finiteOrNull(calibration.expectedError()));
        entry.put("maximum_error", Formats.finiteOrNull(calibration.maximumError()));
        entry.put("brier", Formats.finiteOrNull(calibration.brier()));
        entry.put("log_loss", Formats.finiteOrNull(calibration.logLoss()));
        List<Map<String, Object>> bins = new ArrayList<>();
        for (Calibration.Bin bin : calibration.bins()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("lower", bin.lower());
            item.put("upper", bin.upper());
            item.put("count", bin.count());
            item.put("mean_probability", Formats.finiteOrNull(bin.meanProbability()));
            item.put("frequency", Formats.finiteOrNull(bin.frequency()));
            bins.add(item);
        }
        entry.put("bins", bins);
        return entry;
    }

    private static List<List<Double>> finite(double[][] rows) {
        List<List<Double>> values = new ArrayList<>();
        for (double[] row : rows) {
            List<Double> cells = new ArrayList<>();
            for (double value : row) cells.add(Formats.finiteOrNull(value));
            values.add(cells);
        }
        return values;
    }

    /** @return {@code per_class.csv}: one row per class (or label) */
    String perClassCsv() {
        StringBuilder csv = new StringBuilder((multiLabel() ? "label" : "class")
                + ",name,precision,recall,f1,support,predicted,error_rate\n");
        for (ClassScores scores : evaluation.perClass()) {
            csv.append(scores.classIndex()).append(',').append(Csv.text(names.get(scores.classIndex()))).append(',')
                    .append(Csv.number(scores.precision())).append(',').append(Csv.number(scores.recall())).append(',')
                    .append(Csv.number(scores.f1())).append(',').append(scores.support()).append(',')
                    .append(scores.predicted()).append(',').append(Csv.number(scores.errorRate())).append('\n');
        }
        return csv.toString();
    }

    /**
     * @return {@code confusion.csv}: the counts with the true class in the first column and one
     *     column per predicted class; for a multi-label model one row per label (tn, fp, fn, tp)
     */
    String confusionCsv() {
        StringBuilder csv = new StringBuilder();
        if (multiLabel()) {
            csv.append("label,name,tn,fp,fn,tp\n");
            List<long[][]> matrices = evaluation.confusion();
            for (int label = 0; label < matrices.size(); label++) {
                long[][] m = matrices.get(label);
                csv.append(label).append(',').append(Csv.text(names.get(label))).append(',').append(m[0][0]).append(',')
                        .append(m[0][1]).append(',').append(m[1][0]).append(',').append(m[1][1]).append('\n');
            }
            return csv.toString();
        }
        csv.append("true");
        for (String name : names) csv.append(',').append(Csv.text("predicted " + name));
        csv.append('\n');
        long[][] counts = evaluation.confusionMatrix();
        for (int row = 0; row < counts.length; row++) {
            csv.append(Csv.text(names.get(row)));
            for (long count : counts[row]) csv.append(',').append(count);
            csv.append('\n');
        }
        return csv.toString();
    }
}
