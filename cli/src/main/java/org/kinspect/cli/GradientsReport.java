package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kinspect.InspectedModel;
import org.kinspect.ModelLayer;
import org.kinspect.attribution.IntegratedGradients;
import org.kinspect.errors.KinspectException;
import org.kinspect.gradients.GradientTarget;
import org.kinspect.gradients.Gradients;
import org.kinspect.report.AttributionCharts;
import org.kinspect.report.LayerFileNames;
import org.kinspect.report.ReportImage;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What {@code kinspect gradients} shows and writes: a row per gradient (or attribution) with its
 * shape and magnitude, the target's value per example, Integrated Gradients' completeness check,
 * the {@code .npy} files and the charts.
 */
final class GradientsReport {
    /** Recurrent layers whose final state the report traces back over the input steps. */
    private static final Set<String> RECURRENT = Set.of("LSTM", "GRU", "SimpleRNN");
    /** More units than this are not traced one by one (a gradient run each). */
    private static final int MOST_TRACED_UNITS = 32;

    private record Row(String kind, String name, INDArray array) {
    }

    private final String method;
    private final GradientTarget target;
    private final INDArray targetValues;
    private final List<Row> rows;
    private final Map<String, INDArray> files = new LinkedHashMap<>();
    private final IntegratedGradients integrated;
    private final Gradients gradients;
    private final List<String> notes;

    private GradientsReport(String method, GradientTarget target, INDArray targetValues, List<Row> rows,
            IntegratedGradients integrated, Gradients gradients, List<String> notes) {
        this.method = method;
        this.target = target;
        this.targetValues = targetValues;
        this.rows = rows;
        this.integrated = integrated;
        this.gradients = gradients;
        this.notes = notes;
        for (Row row : rows) {
            String name = row.kind().equals("weight") ? row.name() : LayerFileNames.safe(row.name());
            files.put(row.kind().equals("weight") ? safeWeight(row.name()) + ".grad.npy"
                    : method.equals("gradient") ? name + ".grad.npy" : name + "." + method + ".npy", row.array());
        }
    }

    private static String safeWeight(String layerDotWeight) {
        int dot = layerDotWeight.indexOf('.');
        return LayerFileNames.safe(layerDotWeight.substring(0, dot)) + "." + LayerFileNames.safe(layerDotWeight.substring(dot + 1));
    }

    static GradientsReport ofGradients(Gradients gradients) {
        List<Row> rows = new ArrayList<>();
        gradients.inputs().forEach((name, array) -> rows.add(new Row("input", name, array)));
        gradients.activations().forEach((name, array) -> rows.add(new Row("layer", name, array)));
        gradients.weights().forEach((layer, weights) -> weights.forEach((weight, array) -> rows.add(
                new Row("weight", layer + "." + weight, array))));
        return new GradientsReport("gradient", gradients.target(), gradients.targetValues(), rows, null, gradients,
                gradients.notes());
    }

    static GradientsReport ofAttribution(String method, GradientTarget target, Map<String, INDArray> attributions,
            IntegratedGradients integrated) {
        List<Row> rows = new ArrayList<>();
        attributions.forEach((name, array) -> rows.add(new Row(method.equals("gradcam") ? "layer" : "input", name, array)));
        return new GradientsReport(method, target, null, rows, integrated, null, List.of());
    }

    GradientTarget target() {
        return target;
    }

    List<String> notes() {
        return notes;
    }

    /** @return the .npy files to write, by file name */
    Map<String, INDArray> arrays() {
        return files;
    }

    /** @return every file the report may write, to claim before writing */
    List<String> fileNames() {
        List<String> names = new ArrayList<>(files.keySet());
        names.add(ResultFiles.INDEX);
        return names;
    }

    void printTable(PrintWriter out) {
        out.println(method + " of " + target.describe() + " (summed over the batch; inference mode)");
        TextTable table = new TextTable().left("of").left("name").left("shape").right("mean |g|").right("max |g|");
        if (!method.equals("gradient")) {
            table = new TextTable().left("of").left("name").left("shape").right("sum").right("max |a|");
        }
        for (Row row : rows) {
            table.row(row.kind(), row.name(), java.util.Arrays.toString(row.array().shape()),
                    method.equals("gradient") ? GradientsCommand.number(GradientsCommand.meanAbs(row.array()))
                            : GradientsCommand.number(row.array().sumNumber().doubleValue()),
                    GradientsCommand.number(row.array().length() == 0 ? 0 : row.array().amaxNumber().doubleValue()));
        }
        table.print(out);
        if (targetValues != null) {
            out.println();
            TextTable values = new TextTable().right("example").right(target.describe());
            for (int example = 0; example < targetValues.length(); example++) {
                values.row(Integer.toString(example), GradientsCommand.number(targetValues.getDouble(example)));
            }
            values.print(out);
        }
        if (integrated != null) {
            out.println();
            out.println("completeness (" + integrated.steps() + " steps, " + integrated.rule() + "):");
            out.println("sum of attributions against f(x) - f(baseline)");
            TextTable check = new TextTable().right("example").right("sum").right("f(x) - f(base)").right("gap");
            for (int example = 0; example < integrated.completeness().size(); example++) {
                IntegratedGradients.Completeness c = integrated.completeness().get(example);
                check.row(Integer.toString(example), GradientsCommand.number(c.attributed()),
                        GradientsCommand.number(c.change()), String.format(java.util.Locale.ROOT, "%.2f%%", 100 * c.gap()));
            }
            check.print(out);
        }
    }

    Map<String, Object> toJson(Path model, List<Path> written) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", model.toString());
        document.put("method", method);
        Map<String, Object> targetJson = new LinkedHashMap<>();
        targetJson.put("layer", target.layer());
        if (target.loss() != null) {
            targetJson.put("loss", target.loss().name());
        } else {
            targetJson.put("unit", target.unit());
        }
        if (targetValues != null) {
            targetJson.put("values", targetValues.toDoubleVector());
        }
        document.put("target", targetJson);
        List<Object> arrays = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("of", row.kind());
            entry.put("name", row.name());
            entry.putAll(GradientsCommand.stats(row.array()));
            entry.put("sum", row.array().sumNumber().doubleValue());
            arrays.add(entry);
        }
        document.put(method.equals("gradient") ? "gradients" : "attributions", arrays);
        if (integrated != null) {
            List<Object> checks = new ArrayList<>();
            for (IntegratedGradients.Completeness c : integrated.completeness()) {
                checks.add(Map.of("sum", c.attributed(), "change", c.change(), "gap", c.gap()));
            }
            document.put("steps", integrated.steps());
            document.put("rule", integrated.rule());
            document.put("completeness", checks);
        }
        document.put("notes", notes);
        document.put("files", written.stream().map(Path::toString).toList());
        return document;
    }

    /** Draws the charts for example 0 into the folder. */
    List<ReportImage> charts(InspectedModel model, Map<String, INDArray> inputs, Path folder) {
        List<ReportImage> images = new ArrayList<>();
        if (method.equals("gradcam")) {
            rows.forEach(row -> images.add(AttributionCharts.ofGradCam(row.name(), row.array(), 0, folder)));
            return images;
        }
        Map<String, INDArray> byInput = new LinkedHashMap<>();
        rows.stream().filter(row -> row.kind().equals("input")).forEach(row -> byInput.put(row.name(), row.array()));
        images.addAll(AttributionCharts.ofInputs(byInput, inputs, method, 0, folder));
        if (gradients != null) {
            images.addAll(finalStateCharts(model, inputs, folder));
            images.addAll(AttributionCharts.ofWeights(model, gradients.weights(), folder));
        }
        return images;
    }

    /**
     * For each recurrent layer giving only its final state: the gradient of each unit's final
     * state with respect to the layer's input sequence, per step (a gradient run per unit).
     */
    private List<ReportImage> finalStateCharts(InspectedModel model, Map<String, INDArray> inputs, Path folder) {
        List<ReportImage> images = new ArrayList<>();
        for (ModelLayer layer : model.layers()) {
            INDArray output = gradients.activations().get(layer.name());
            List<String> inbound = layer.inboundLayers();
            if (!RECURRENT.contains(layer.className()) || output == null || output.rank() != 2 || inbound.size() != 1
                    || output.size(1) > MOST_TRACED_UNITS) {
                continue;
            }
            String source = inbound.get(0);
            double[][] unitsBySteps = new double[(int) output.size(1)][];
            try {
                for (int unit = 0; unit < unitsBySteps.length; unit++) {
                    Gradients traced = model.gradients(inputs, new GradientTarget(layer.name(), unit), true);
                    INDArray sequence = traced.inputs().containsKey(source) ? traced.inputs().get(source)
                            : traced.activations().get(source);
                    if (sequence == null || sequence.rank() != 3) {
                        break;
                    }
                    unitsBySteps[unit] = Transforms.abs(sequence).sum(2).mean(0).toDoubleVector();
                }
            } catch (KinspectException refused) {
                continue; // a layer before it without a checked backward pass: no chart, said in the table's run
            }
            if (unitsBySteps[unitsBySteps.length - 1] != null) {
                images.add(AttributionCharts.ofFinalStates(layer, unitsBySteps, folder));
            }
        }
        return images;
    }
}
