package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kinspect.diff.LayerDifference;
import org.kinspect.diff.ModelDifference;
import org.kinspect.diff.UnmatchedLayer;

/**
 * A {@link ModelDifference} as {@code kinspect diff A B} shows it: a table for people, one JSON
 * object for scripts ({@code --json}, and {@code diff.json} under {@code --out}).
 *
 * <pre>{@code
 * ModelDiffReport report = new ModelDiffReport(difference, Path.of("a.keras"), Path.of("b.keras"));
 * report.printTable(out);
 * }</pre>
 */
final class ModelDiffReport {
    private final ModelDifference difference;
    private final Path modelA;
    private final Path modelB;

    ModelDiffReport(ModelDifference difference, Path modelA, Path modelB) {
        this.difference = difference;
        this.modelA = modelA;
        this.modelB = modelB;
    }

    void printTable(PrintWriter out) {
        out.println("A = " + modelA.getFileName() + ", B = " + modelB.getFileName() + ", over "
                + Formats.count(difference.examples()) + " examples; relative difference |b - a| / max(1, |a|), tolerance "
                + tolerance());
        out.println();
        TextTable table = new TextTable().left("layer").right("output").right("max |b-a|").right("mean |b-a|")
                .right("max rel").right("mean rel").right("cosine").right("weights moved").left("");
        String first = difference.firstDivergentLayer().orElse(null);
        for (LayerDifference layer : difference.layers()) {
            String mark = layer.name().equals(first) ? "<- first beyond the tolerance"
                    : layer.divergent() ? "beyond" : "";
            if (layer.nonFinite() > 0) {
                mark += (mark.isEmpty() ? "" : "; ") + Formats.count(layer.nonFinite()) + " NaN/inf in one model only";
            }
            table.row(layer.name(), Formats.shape(layer.exampleShape()), Formats.error(layer.maxAbsoluteDifference()),
                    Formats.error(layer.meanAbsoluteDifference()), Formats.error(layer.maxRelativeDifference()),
                    Formats.error(layer.meanRelativeDifference()), cosine(layer.cosine()),
                    layer.hasWeightChange() ? Formats.percent(layer.weightRelativeChange()) : Formats.NONE, mark);
        }
        table.print(out);
        out.println();
        out.println(first == null ? "every layer within the tolerance " + tolerance()
                : "first layer beyond the tolerance: " + first);
        if (!difference.unmatched().isEmpty()) {
            out.println("not compared:");
            for (UnmatchedLayer layer : difference.unmatched()) {
                out.println("  " + layer.name() + ": " + layer.reason());
            }
        }
    }

    private String tolerance() {
        return String.format(Locale.ROOT, "%.3g", difference.tolerance());
    }

    private static String cosine(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : Formats.NONE;
    }

    Map<String, Object> toJson(List<Path> files) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("mode", "models");
        document.put("model_a", modelA.toString());
        document.put("model_b", modelB.toString());
        document.put("examples", difference.examples());
        document.put("first_divergent_layer", difference.firstDivergentLayer().orElse(null));
        document.put("tolerance", difference.tolerance());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerDifference layer : difference.layers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", layer.name());
            entry.put("output_shape", layer.exampleShape());
            entry.put("max_abs_diff", Formats.finiteOrNull(layer.maxAbsoluteDifference()));
            entry.put("mean_abs_diff", Formats.finiteOrNull(layer.meanAbsoluteDifference()));
            entry.put("max_rel_diff", Formats.finiteOrNull(layer.maxRelativeDifference()));
            entry.put("mean_rel_diff", Formats.finiteOrNull(layer.meanRelativeDifference()));
            entry.put("cosine", Formats.finiteOrNull(layer.cosine()));
            entry.put("weight_rel_change", Formats.finiteOrNull(layer.weightRelativeChange()));
            entry.put("non_finite", layer.nonFinite());
            entry.put("divergent", layer.divergent());
            layers.add(entry);
        }
        document.put("layers", layers);
        List<Map<String, Object>> unmatched = new ArrayList<>();
        for (UnmatchedLayer layer : difference.unmatched()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", layer.name());
            entry.put("model", layer.model());
            entry.put("reason", layer.reason());
            unmatched.add(entry);
        }
        document.put("unmatched", unmatched);
        document.put("files", files.stream().map(Path::toString).toList());
        return document;
    }
}
