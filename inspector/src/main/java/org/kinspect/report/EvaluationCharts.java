package org.kinspect.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.kinspect.errors.KinspectException;
import org.kinspect.eval.Evaluation;
import org.kinspect.eval.OutputKind;

/**
 * Draws an {@link Evaluation} as PNGs: the row-normalised confusion matrix with each class's error
 * rate on its right ({@value #CONFUSION}; for a multi-label model one small matrix per label) and
 * the reliability diagram ({@value #CALIBRATION}).
 *
 * <pre>{@code
 * Evaluation evaluation = Evaluator.of(model).evaluate(data);
 * DrawnCharts charts = EvaluationCharts.write(evaluation, "classes", "Dense",
 *         List.of("sine", "square", "sawtooth"), Path.of("eval"));
 * }</pre>
 */
public final class EvaluationCharts {
    /** The confusion matrix. */
    public static final String CONFUSION = "confusion.png";
    /** The reliability diagram. */
    public static final String CALIBRATION = "calibration.png";

    private EvaluationCharts() {}

    /**
     * @param evaluation the scores
     * @param layer the output layer scored
     * @param className its Keras class
     * @param classNames a name per class (or label); empty for their indices
     * @param folder where to write; created when missing, files of the same names replaced
     * @return what was written
     * @throws KinspectException when the folder cannot be written
     */
    public static DrawnCharts write(Evaluation evaluation, String layer, String className, List<String> classNames,
            Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw KinspectException.input(folder + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
        List<String> names = names(evaluation, classNames);
        String examples = String.format(Locale.ROOT, "%,d examples; rows = true class, columns = predicted, each row sums to"
                + " 1 (counts in brackets); right: error rate = 1 - recall", evaluation.examples());
        List<ReportImage> images = new ArrayList<>();
        if (evaluation.kind() == OutputKind.MULTI_LABEL) {
            List<JFreeChart> panels = new ArrayList<>();
            for (int label = 0; label < evaluation.classes(); label++) {
                SizedChart panel = ConfusionMatrixChart.create("label " + names.get(label),
                        evaluation.confusion().get(label), List.of("absent", "present"), List.of());
                panels.add(panel.chart());
            }
            images.add(ChartGrid.write(panels, Math.min(3, panels.size()),
                    ChartLook.title(layer, className, "confusion of each label"), List.of(examples),
                    folder.resolve(CONFUSION), layer, "confusion of each label"));
        } else {
            String what = evaluation.kind() == OutputKind.BINARY
                    ? String.format(Locale.ROOT, "confusion matrix at threshold %.2f", evaluation.threshold())
                    : "confusion matrix";
            images.add(ConfusionMatrixChart.create(ChartLook.title(layer, className, what), evaluation.confusionMatrix(),
                    names, List.of(examples)).writePng(folder.resolve(CONFUSION), layer, what));
        }
        String[] axes = switch (evaluation.kind()) {
            case MULTI_CLASS -> new String[] {"probability of the predicted class", "fraction predicted right"};
            case BINARY -> new String[] {"probability of class 1", "fraction that is class 1"};
            case MULTI_LABEL -> new String[] {"probability of a label", "fraction where the label is set"};
        };
        images.add(ReliabilityChart.create(ChartLook.title(layer, className, "calibration"), evaluation.calibration(),
                axes[0], axes[1]).writePng(folder.resolve(CALIBRATION), layer, "calibration"));
        return new DrawnCharts(images, List.of());
    }

    private static List<String> names(Evaluation evaluation, List<String> classNames) {
        if (!classNames.isEmpty()) {
            return classNames;
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < evaluation.classes(); k++) {
            names.add(Integer.toString(k));
        }
        return names;
    }
}
