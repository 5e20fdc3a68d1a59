package org.kinspect.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.kinspect.errors.KinspectException;
import org.kinspect.units.TopActivation;
import org.kinspect.units.UnitStatistics;
import org.kinspect.units.UnitSurvey;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws a {@link UnitSurvey} as PNGs: every unit's spread of activations ({@value #MEANS}), the
 * dead-unit list ({@value #DEAD}) and the inputs of each unit's top examples, a page of
 * {@value #PANELS_PER_PAGE} units at a time ({@value #TOP_EXAMPLES}, then {@code top_examples_2.png}...).
 *
 * <pre>{@code
 * UnitSurvey survey = UnitSurveyor.of(model, "lstm_1").survey(data);
 * DrawnCharts charts = UnitSurveyCharts.write(survey, "signal",
 *         index -> data.rows(index, index + 1).get("signal").slice(0), Path.of("units-lstm_1"));
 * }</pre>
 */
public final class UnitSurveyCharts {
    /** The spread of every unit's activation. */
    public static final String MEANS = "unit_means.png";
    /** The fraction of examples each unit is zero on, dead units listed. */
    public static final String DEAD = "dead_units.png";
    /** The first page of top examples; later pages are {@code top_examples_2.png}... */
    public static final String TOP_EXAMPLES = "top_examples.png";
    static final int PANELS_PER_PAGE = 12;
    static final int COLUMNS = 3;
    /** Beyond this many units the pages of top examples stop; the CSV still has them all. */
    public static final int MAX_UNITS_DRAWN = 96;

    private UnitSurveyCharts() {}

    /**
     * @param survey the survey
     * @param inputName the model input the top-example pages show
     * @param inputs looks up that input of an example by index; null to draw no top-example pages
     * @param folder where to write; created when missing, files of the same names replaced
     * @return what was written, and remarks on what was not
     * @throws KinspectException when the folder cannot be written
     */
    public static DrawnCharts write(UnitSurvey survey, String inputName, ExampleInputs inputs, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw KinspectException.input(folder + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
        List<ReportImage> images = new ArrayList<>();
        List<String> remarks = new ArrayList<>();
        String examples = String.format(Locale.ROOT, "over %,d examples", survey.examples());
        images.add(UnitRangeChart.create(survey.layer(), survey.className(), survey.units(), List.of(examples))
                .writePng(folder.resolve(MEANS), survey.layer(), "activation of each unit"));
        images.add(ZeroFractionChart.create(survey.layer(), survey.className(), survey.units(), List.of(examples))
                .writePng(folder.resolve(DEAD), survey.layer(), "dead units"));
        if (inputs != null) {
            drawTopExamples(survey, inputName, inputs, folder, images, remarks);
        }
        return new DrawnCharts(images, remarks);
    }

    /** @return the file name of a page of top examples, from 1 */
    public static String topExamplesPage(int page) {
        return page == 1 ? TOP_EXAMPLES : "top_examples_" + page + ".png";
    }

    private static void drawTopExamples(UnitSurvey survey, String inputName, ExampleInputs inputs, Path folder,
            List<ReportImage> images, List<String> remarks) {
        List<UnitStatistics> units = survey.units();
        if (units.isEmpty() || units.get(0).top().isEmpty()) {
            return;
        }
        INDArray first = inputs.example(units.get(0).top().get(0).index());
        if (first.rank() > 2) {
            remarks.add("top examples not drawn: input '" + inputName + "' is an image or a volume "
                    + Arrays.toString(first.shape()) + "; their indices are in the table");
            return;
        }
        boolean sequence = first.rank() == 2;
        long inputSteps = sequence ? first.size(0) : 0;
        // Steps line up with the input only when the layer keeps the input's length.
        boolean alignAtPeak = sequence && survey.sequence() && survey.positionShape()[0] == inputSteps;
        if (sequence && survey.sequence() && !alignAtPeak) {
            remarks.add("top examples are not aligned at the peak: layer '" + survey.layer() + "' has "
                    + survey.positionShape()[0] + " steps where input '" + inputName + "' has " + inputSteps);
        }
        int drawn = Math.min(units.size(), MAX_UNITS_DRAWN);
        if (drawn < units.size()) {
            remarks.add("top examples drawn for units 0 to " + (drawn - 1) + " of " + units.size()
                    + "; every unit's are in the table");
        }
        String what = sequence
                ? "input '" + inputName + "' of each unit's top examples" + (alignAtPeak ? ", aligned at the unit's peak (0)" : "")
                : "input '" + inputName + "' of each unit's top examples, feature by feature";
        int pages = (drawn + PANELS_PER_PAGE - 1) / PANELS_PER_PAGE;
        for (int page = 1; page <= pages; page++) {
            List<JFreeChart> panels = new ArrayList<>();
            for (int unit = (page - 1) * PANELS_PER_PAGE; unit < Math.min(drawn, page * PANELS_PER_PAGE); unit++) {
                UnitStatistics statistics = units.get(unit);
                List<double[][]> examples = new ArrayList<>();
                for (TopActivation top : statistics.top()) {
                    examples.add(rows(inputs.example(top.index()), sequence));
                }
                panels.add(TopExampleChart.panel(statistics, examples, sequence, alignAtPeak));
            }
            String heading = ChartLook.title(survey.layer(), survey.className(), "top examples"
                    + (pages > 1 ? " (page " + page + " of " + pages + ")" : ""));
            String file = topExamplesPage(page);
            images.add(ChartGrid.write(panels, COLUMNS, heading, List.of(what), folder.resolve(file), survey.layer(),
                    "top examples" + (pages > 1 ? ", page " + page : "")));
        }
    }

    /** @return {@code [step][feature]} for a sequence, {@code [0][feature]} for a vector */
    private static double[][] rows(INDArray example, boolean sequence) {
        INDArray values = example.castTo(DataType.DOUBLE);
        if (!sequence) {
            return new double[][] {values.reshape(values.length()).toDoubleVector()};
        }
        return values.toDoubleMatrix();
    }
}
