package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.units.TopActivation;
import org.kinspect.units.UnitStatistics;
import org.kinspect.units.UnitSurvey;

/**
 * A {@link UnitSurvey} as {@code kinspect units} shows it: a table for people, one JSON object for
 * scripts ({@code --json}, and {@code units.json} under {@code --out}), and CSV tables
 * ({@code units.csv}: one row per unit; {@code top_examples.csv}: one row per unit and rank).
 *
 * <pre>{@code
 * UnitsReport report = new UnitsReport(survey, 256, 1.7, List.of());
 * report.printTable(out);
 * Json.print(out, report.toJson(modelFile, files));
 * }</pre>
 */
final class UnitsReport {
    /** Top examples shown per unit in the table; the JSON and CSV have them all. */
    static final int TOP_IN_TABLE = 3;

    private final UnitSurvey survey;
    private final int batchSize;
    private final double seconds;
    private final List<String> remarks;

    /**
     * @param survey the survey
     * @param batchSize the batch size it ran with
     * @param seconds how long the pass over the data took
     * @param remarks lines on what was left out (charts not drawn, and why)
     */
    UnitsReport(UnitSurvey survey, int batchSize, double seconds, List<String> remarks) {
        this.survey = survey;
        this.batchSize = batchSize;
        this.seconds = seconds;
        this.remarks = List.copyOf(remarks);
    }

    void printTable(PrintWriter out) {
        out.println(survey.layer() + " (" + survey.className() + ") over " + Formats.count(survey.examples())
                + " examples: output " + Formats.shape(survey.exampleShape()) + " per example, "
                + Formats.quantity(survey.units().size(), "unit"));
        if (survey.positionShape().length > 0) {
            String positions = survey.sequence() ? "step" : "position";
            out.println("mean, std, min and max over every " + positions + "; zero = examples where the unit is 0 at every "
                    + positions + "; top examples ranked by their peak, @ its " + positions);
        }
        out.println();
        TextTable table = new TextTable().right("unit").right("mean").right("std").right("min").right("max")
                .right("zero").left("top examples (index: value" + (survey.positionShape().length > 0 ? " @ peak" : "") + ")");
        for (UnitStatistics unit : survey.units()) {
            table.row(Integer.toString(unit.unit()), Formats.statistic(unit.mean()), Formats.statistic(unit.std()),
                    Formats.statistic(unit.min()), Formats.statistic(unit.max()), Formats.percent(unit.zeroFraction()),
                    topCell(unit.top()));
        }
        table.print(out);
        out.println();
        out.println(deadLine());
        for (String remark : remarks) {
            out.println("note: " + remark);
        }
    }

    private String topCell(List<TopActivation> top) {
        List<String> shown = new ArrayList<>();
        for (TopActivation example : top.subList(0, Math.min(TOP_IN_TABLE, top.size()))) {
            shown.add(example.index() + ": " + Formats.statistic(example.value()) + position(example));
        }
        String more = top.size() > TOP_IN_TABLE ? ", ..." : "";
        return top.isEmpty() ? Formats.NONE : String.join(", ", shown) + more;
    }

    private static String position(TopActivation example) {
        long[] position = example.position();
        if (position.length == 0) {
            return "";
        }
        return position.length == 1 ? " @" + position[0] : " @" + Formats.shape(position);
    }

    private String deadLine() {
        List<Integer> dead = survey.deadUnits();
        if (dead.isEmpty()) {
            return "dead units (0 on every example): none";
        }
        return "dead units (0 on every example): " + dead.size() + " of " + survey.units().size() + ": "
                + String.join(", ", dead.stream().map(String::valueOf).toList());
    }

    /**
     * @param modelFile the MODEL argument
     * @param files the files written under {@code --out}; empty without it
     * @return the {@code --json} document
     */
    Map<String, Object> toJson(Path modelFile, List<Path> files) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFile.toString());
        document.put("layer", survey.layer());
        document.put("class", survey.className());
        document.put("examples", survey.examples());
        document.put("output_shape", survey.exampleShape());
        document.put("position_shape", survey.positionShape());
        document.put("batch_size", batchSize);
        document.put("seconds", seconds);
        document.put("examples_per_second", seconds > 0 ? survey.examples() / seconds : null);
        List<Map<String, Object>> units = new ArrayList<>();
        for (UnitStatistics unit : survey.units()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("unit", unit.unit());
            entry.put("mean", Formats.finiteOrNull(unit.mean()));
            entry.put("std", Formats.finiteOrNull(unit.std()));
            entry.put("min", Formats.finiteOrNull(unit.min()));
            entry.put("max", Formats.finiteOrNull(unit.max()));
            entry.put("zero_fraction", unit.zeroFraction());
            entry.put("zero_value_fraction", unit.zeroValueFraction());
            entry.put("non_finite", unit.nonFinite());
            entry.put("dead", unit.dead());
            List<Map<String, Object>> top = new ArrayList<>();
            for (TopActivation example : unit.top()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("index", example.index());
                item.put("value", Formats.finiteOrNull(example.value()));
                if (survey.sequence()) {
                    item.put("step", example.step());
                } else if (survey.positionShape().length > 1) {
                    item.put("position", example.position());
                }
                top.add(item);
            }
            entry.put("top", top);
            units.add(entry);
        }
        document.put("units", units);
        document.put("dead_units", survey.deadUnits());
        document.put("remarks", remarks);
        List<String> fileNames = new ArrayList<>();
        files.forEach(file -> fileNames.add(file.toString()));
        document.put("files", fileNames);
        return document;
    }

    /** @return {@code units.csv}: one row per unit, with its best example */
    String unitsCsv() {
        StringBuilder csv = new StringBuilder("unit,mean,std,min,max,zero_fraction,zero_value_fraction,non_finite,dead,"
                + "top_index,top_value" + positionHeader("top_") + "\n");
        for (UnitStatistics unit : survey.units()) {
            csv.append(unit.unit()).append(',').append(number(unit.mean())).append(',').append(number(unit.std()))
                    .append(',').append(number(unit.min())).append(',').append(number(unit.max())).append(',')
                    .append(number(unit.zeroFraction())).append(',').append(number(unit.zeroValueFraction()))
                    .append(',').append(unit.nonFinite()).append(',').append(unit.dead());
            if (unit.top().isEmpty()) {
                csv.append(",,").append(survey.positionShape().length > 0 ? "," : "");
            } else {
                TopActivation best = unit.top().get(0);
                csv.append(',').append(best.index()).append(',').append(number(best.value())).append(positionCells(best));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** @return {@code top_examples.csv}: one row per unit and rank, best first */
    String topExamplesCsv() {
        StringBuilder csv = new StringBuilder("unit,rank,index,value" + positionHeader("") + "\n");
        for (UnitStatistics unit : survey.units()) {
            for (int rank = 0; rank < unit.top().size(); rank++) {
                TopActivation example = unit.top().get(rank);
                csv.append(unit.unit()).append(',').append(rank + 1).append(',').append(example.index()).append(',')
                        .append(number(example.value())).append(positionCells(example)).append('\n');
            }
        }
        return csv.toString();
    }

    private String positionHeader(String prefix) {
        if (survey.positionShape().length == 0) {
            return "";
        }
        // One column: the step of a sequence, or the position as "row;column" for an image.
        return "," + prefix + (survey.sequence() ? "step" : "position");
    }

    private String positionCells(TopActivation example) {
        long[] position = example.position();
        if (position.length == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (long index : position) {
            parts.add(Long.toString(index));
        }
        return "," + String.join(";", parts);
    }

    private static String number(double value) {
        return Csv.number(value);
    }
}
