package org.kinspect.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kinspect.gates.GateSurvey;

/**
 * What {@code kinspect units MODEL --input X --layer L --gates} adds: for every unit, each gate's
 * mean and how often it is closed (below 0.1) or open (above 0.9) over the whole data set.
 *
 * <pre>{@code
 * GateSurveyReport report = new GateSurveyReport(survey);
 * report.printTable(out);
 * }</pre>
 */
final class GateSurveyReport {
    private final GateSurvey survey;

    GateSurveyReport(GateSurvey survey) {
        this.survey = survey;
    }

    /** Prints one row per unit: each gate's mean, closed and open fractions. */
    void printTable(PrintWriter out) {
        out.println();
        out.println(survey.layer() + " (" + survey.cell() + ") gates over " + Formats.count(survey.examples())
                + " examples, every step that ran; closed < 0.1, open > 0.9:");
        TextTable table = new TextTable().right("unit");
        for (String gate : survey.gates()) {
            table.right(gate + " mean").right(gate + " closed").right(gate + " open");
        }
        int units = survey.gates().isEmpty() ? 0 : survey.units(survey.gates().get(0)).size();
        for (int unit = 0; unit < units; unit++) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(unit)));
            for (String gate : survey.gates()) {
                GateSurvey.Unit statistics = survey.units(gate).get(unit);
                cells.add(Formats.statistic(statistics.mean()));
                cells.add(Formats.percent(statistics.closedFraction()));
                cells.add(Formats.percent(statistics.openFraction()));
            }
            table.row(cells.toArray(String[]::new));
        }
        table.print(out);
    }

    /** @return the JSON form: the layer, then per gate each unit's mean and saturation fractions */
    Map<String, Object> toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("layer", survey.layer());
        document.put("cell", survey.cell());
        document.put("examples", survey.examples());
        Map<String, Object> gates = new LinkedHashMap<>();
        for (String gate : survey.gates()) {
            List<Map<String, Object>> units = new ArrayList<>();
            for (GateSurvey.Unit unit : survey.units(gate)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("unit", unit.unit());
                entry.put("values", unit.values());
                entry.put("mean", Formats.finiteOrNull(unit.mean()));
                entry.put("closed_fraction", Formats.finiteOrNull(unit.closedFraction()));
                entry.put("open_fraction", Formats.finiteOrNull(unit.openFraction()));
                units.add(entry);
            }
            gates.put(gate, units);
        }
        document.put("gates", gates);
        return document;
    }

    /** @return {@code gate,unit,values,mean,closed_fraction,open_fraction}, one line per gate and unit */
    String csv() {
        StringBuilder csv = new StringBuilder("gate,unit,values,mean,closed_fraction,open_fraction\n");
        for (String gate : survey.gates()) {
            for (GateSurvey.Unit unit : survey.units(gate)) {
                csv.append(gate).append(',').append(unit.unit()).append(',').append(unit.values()).append(',')
                        .append(number(unit.mean())).append(',').append(number(unit.closedFraction())).append(',')
                        .append(number(unit.openFraction())).append('\n');
            }
        }
        return csv.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "";
    }
}
