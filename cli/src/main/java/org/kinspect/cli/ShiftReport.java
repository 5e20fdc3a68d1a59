package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kinspect.diff.DataSetShift;
import org.kinspect.diff.LayerShift;
import org.kinspect.diff.UnitShift;

/**
 * A {@link DataSetShift} as {@code kinspect diff MODEL --input X1 --against X2} shows it: the
 * layers ranked by mean PSI, the most shifted layer's units, the units dead in one set only; and
 * one JSON object for scripts.
 *
 * <pre>{@code
 * ShiftReport report = new ShiftReport(shift, Path.of("model.keras"), inputs, against);
 * report.printTable(out);
 * }</pre>
 */
final class ShiftReport {
    /** Units of the most shifted layer listed in the table; the JSON has them all. */
    static final int UNITS_IN_TABLE = 12;

    private final DataSetShift shift;
    private final Path model;
    private final List<InputArgument> first;
    private final List<InputArgument> second;

    ShiftReport(DataSetShift shift, Path model, List<InputArgument> first, List<InputArgument> second) {
        this.shift = shift;
        this.model = model;
        this.first = first;
        this.second = second;
    }

    void printTable(PrintWriter out) {
        out.println(model.getFileName() + ": first set " + files(first) + " (" + Formats.count(shift.firstExamples())
                + " examples), second " + files(second) + " (" + Formats.count(shift.secondExamples()) + ")");
        out.println("per unit over " + shift.bins() + " bins of the first set's range (+ below, above); "
                + "KL(first || second), PSI; layers by mean PSI");
        out.println();
        TextTable layers = new TextTable().right("rank").left("layer").right("units").right("mean PSI").right("mean KL")
                .right("max PSI (unit)").right("dead in one set");
        int rank = 1;
        for (LayerShift layer : shift.ranked()) {
            List<UnitShift> top = layer.mostShifted(1);
            String max = top.isEmpty() ? Formats.NONE : number(top.get(0).psi()) + " (" + top.get(0).unit() + ")";
            layers.row(Integer.toString(rank++), layer.name(), Integer.toString(layer.units().size()),
                    number(layer.meanPsi()), number(layer.meanKl()), max, Integer.toString(layer.deadInOneSetOnly().size()));
        }
        layers.print(out);
        LayerShift most = shift.ranked().get(0);
        out.println();
        int shown = Math.min(UNITS_IN_TABLE, most.units().size());
        out.println(most.name() + ", the most shifted layer: " + (shown < most.units().size()
                ? "its " + shown + " most shifted units of " + most.units().size() : "its units, most shifted first"));
        TextTable units = new TextTable().right("unit").right("PSI").right("KL").right("mean 1").right("mean 2")
                .right("std 1").right("std 2").left("");
        for (UnitShift unit : most.mostShifted(shown)) {
            units.row(Integer.toString(unit.unit()), number(unit.psi()), number(unit.kl()),
                    Formats.statistic(unit.meanFirst()), Formats.statistic(unit.meanSecond()),
                    Formats.statistic(unit.stdFirst()), Formats.statistic(unit.stdSecond()), deadNote(unit));
        }
        units.print(out);
        out.println();
        List<String> dead = new ArrayList<>();
        for (LayerShift layer : shift.layers()) {
            for (UnitShift unit : layer.deadInOneSetOnly()) {
                dead.add(layer.name() + " unit " + unit.unit() + " (" + deadNote(unit) + ")");
            }
        }
        out.println("units dead in one set and alive in the other: " + (dead.isEmpty() ? "none" : String.join(", ", dead)));
    }

    private static String deadNote(UnitShift unit) {
        if (unit.deadInFirst() && unit.deadInSecond()) {
            return "dead in both";
        }
        return unit.deadInFirst() ? "dead in first" : unit.deadInSecond() ? "dead in second" : "";
    }

    private static String files(List<InputArgument> arguments) {
        return String.join(", ", arguments.stream().map(argument -> argument.file().getFileName().toString()).toList());
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : Formats.NONE;
    }

    Map<String, Object> toJson(List<Path> files) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("mode", "data_sets");
        document.put("model", model.toString());
        document.put("input", first.stream().map(argument -> argument.file().toString()).toList());
        document.put("against", second.stream().map(argument -> argument.file().toString()).toList());
        document.put("examples", List.of(shift.firstExamples(), shift.secondExamples()));
        document.put("bins", shift.bins());
        document.put("epsilon", shift.epsilon());
        document.put("ranked", shift.ranked().stream().map(LayerShift::name).toList());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerShift layer : shift.layers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", layer.name());
            entry.put("mean_kl", Formats.finiteOrNull(layer.meanKl()));
            entry.put("mean_psi", Formats.finiteOrNull(layer.meanPsi()));
            List<Map<String, Object>> units = new ArrayList<>();
            for (UnitShift unit : layer.units()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("unit", unit.unit());
                item.put("kl", Formats.finiteOrNull(unit.kl()));
                item.put("psi", Formats.finiteOrNull(unit.psi()));
                item.put("mean_shift", Formats.finiteOrNull(unit.meanShift()));
                item.put("std_shift", Formats.finiteOrNull(unit.stdShift()));
                item.put("mean_first", Formats.finiteOrNull(unit.meanFirst()));
                item.put("mean_second", Formats.finiteOrNull(unit.meanSecond()));
                item.put("std_first", Formats.finiteOrNull(unit.stdFirst()));
                item.put("std_second", Formats.finiteOrNull(unit.stdSecond()));
                item.put("dead_in_first", unit.deadInFirst());
                item.put("dead_in_second", unit.deadInSecond());
                item.put("low", Formats.finiteOrNull(unit.low()));
                item.put("high", Formats.finiteOrNull(unit.high()));
                item.put("counts_first", unit.countsFirst());
                item.put("counts_second", unit.countsSecond());
                units.add(item);
            }
            entry.put("units", units);
            layers.add(entry);
        }
        document.put("layers", layers);
        document.put("files", files.stream().map(Path::toString).toList());
        return document;
    }
}
