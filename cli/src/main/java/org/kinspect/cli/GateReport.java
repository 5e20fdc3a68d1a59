package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.gates.GateStatistics;
import org.kinspect.gates.GateTraces;
import org.kinspect.report.LayerFileNames;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@code kinspect MODEL --input X --layer L --gates} shows: for each traced layer, every gate
 * trace's range, mean and (for a gate) how often it is closed or open, and the file it was written
 * to with {@code --out}.
 *
 * <pre>{@code
 * GateReport report = GateReport.of(tracesByLayer, writtenFiles);
 * report.printTable(out);
 * }</pre>
 */
final class GateReport {
    private final Map<String, GateTraces> traces;
    private final Map<String, Path> files;

    private GateReport(Map<String, GateTraces> traces, Map<String, Path> files) {
        this.traces = traces;
        this.files = files;
    }

    /**
     * @param traces each traced layer's traces, by layer name
     * @param files each trace's file, by {@link #fileKey}; empty without {@code --out}
     * @return the report
     */
    static GateReport of(Map<String, GateTraces> traces, Map<String, Path> files) {
        return new GateReport(traces, files);
    }

    /**
     * @param layer a traced layer
     * @param trace one of its traces
     * @return the key of the trace's file among the files written
     */
    static String fileKey(String layer, String trace) {
        return layer + "\u0000gates\u0000" + trace;
    }

    /**
     * @param traces each traced layer's traces
     * @param stems each layer's file name stem
     * @return each trace's file name ({@code LAYER.gates.NAME.npy}) by {@link #fileKey}
     */
    static Map<String, String> fileNames(Map<String, GateTraces> traces, Map<String, String> stems) {
        Map<String, String> names = new LinkedHashMap<>();
        traces.forEach((layer, layerTraces) -> layerTraces.traces().keySet().forEach(trace ->
                names.put(fileKey(layer, trace), LayerFileNames.gateFile(stems.get(layer), trace, "npy"))));
        return names;
    }

    /**
     * @param traces each traced layer's traces
     * @return each trace by {@link #fileKey}, to write
     */
    static Map<String, INDArray> arraysByKey(Map<String, GateTraces> traces) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        traces.forEach((layer, layerTraces) -> layerTraces.traces().forEach((trace, values) ->
                arrays.put(fileKey(layer, trace), values)));
        return arrays;
    }

    /** Prints one table per traced layer. */
    void printTable(PrintWriter out) {
        traces.forEach((layer, layerTraces) -> {
            long[] shape = layerTraces.traces().values().iterator().next().shape();
            out.println();
            out.println(layer + " (" + layerTraces.cell() + (layerTraces.directions().size() > 1 ? ", both directions" : "")
                    + ") gates over " + Formats.quantity((int) shape[0], "example") + " \u00d7 "
                    + Formats.quantity((int) shape[1], "step") + ", " + Formats.quantity((int) shape[2], "unit")
                    + " (its output checked against the layer's: largest difference "
                    + Formats.error(layerTraces.outputDifference()) + "):");
            TextTable table = new TextTable().left("trace").left("what").right("min").right("mean").right("max")
                    .right("closed<0.1").right("open>0.9");
            boolean withFiles = !files.isEmpty();
            if (withFiles) {
                table.left("file");
            }
            for (GateStatistics stats : GateStatistics.of(layerTraces)) {
                List<String> cells = new ArrayList<>(List.of(stats.trace(), meaning(stats.trace()),
                        Formats.statistic(stats.min()), Formats.statistic(stats.mean()), Formats.statistic(stats.max()),
                        stats.gate() ? Formats.percent(stats.closedFraction()) : Formats.NONE,
                        stats.gate() ? Formats.percent(stats.openFraction()) : Formats.NONE));
                if (withFiles) {
                    Path file = files.get(fileKey(layer, stats.trace()));
                    cells.add(file == null ? Formats.NONE : file.getFileName().toString());
                }
                table.row(cells.toArray(String[]::new));
            }
            table.print(out);
        });
    }

    /** @return the JSON form: per layer, its cell and each trace's statistics and file */
    List<Map<String, Object>> toJson() {
        List<Map<String, Object>> layers = new ArrayList<>();
        traces.forEach((layer, layerTraces) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("layer", layer);
            entry.put("cell", layerTraces.cell());
            entry.put("directions", layerTraces.directions());
            entry.put("output_difference", layerTraces.outputDifference());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (GateStatistics stats : GateStatistics.of(layerTraces)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("trace", stats.trace());
                row.put("what", meaning(stats.trace()));
                row.put("shape", Arrays.stream(layerTraces.trace(stats.trace()).shape()).boxed().toList());
                row.put("values", stats.values());
                row.put("min", Formats.finiteOrNull(stats.min()));
                row.put("mean", Formats.finiteOrNull(stats.mean()));
                row.put("max", Formats.finiteOrNull(stats.max()));
                row.put("closed_fraction", stats.gate() ? Formats.finiteOrNull(stats.closedFraction()) : null);
                row.put("open_fraction", stats.gate() ? Formats.finiteOrNull(stats.openFraction()) : null);
                Path file = files.get(fileKey(layer, stats.trace()));
                row.put("file", file == null ? null : file.toString());
                rows.add(row);
            }
            entry.put("traces", rows);
            layers.add(entry);
        });
        return layers;
    }

    private static String meaning(String trace) {
        String prefix = trace.startsWith("forward_") ? "forward " : trace.startsWith("backward_") ? "backward " : "";
        return prefix + switch (GateTraces.bareName(trace)) {
            case "i" -> "input gate";
            case "f" -> "forget gate";
            case "g" -> "candidate";
            case "o" -> "output gate";
            case "c" -> "cell state";
            case "h" -> "hidden state";
            case "z" -> "update gate";
            case "r" -> "reset gate";
            case "pre_activation" -> "pre-activation";
            default -> trace;
        };
    }
}
