package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.InspectedModel;
import org.kinspect.ModelFile;
import org.kinspect.ModelLayer;
import org.kinspect.inspect.ActivationStatistics;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@code kinspect MODEL --input ...} prints: one row per selected layer with its class, output
 * shape and {@link ActivationStatistics}, as an aligned table or as one JSON object.
 *
 * <pre>{@code
 * ActivationReport report = ActivationReport.of(model, List.of("lstm_1"), activations, Map.of());
 * report.printTable(out);
 * }</pre>
 */
final class ActivationReport {

    /**
     * One layer.
     *
     * @param layer the Keras layer name
     * @param className its Keras class
     * @param shape its output shape, Keras layout, batch first; null when the model computed none
     * @param statistics the statistics of its output; null when the model computed none
     * @param file where its output was written, or null
     */
    record Row(String layer, String className, long[] shape, ActivationStatistics statistics, Path file) {}

    private final List<Row> rows;
    private final boolean withFiles;

    private ActivationReport(List<Row> rows, boolean withFiles) {
        this.rows = rows;
        this.withFiles = withFiles;
    }

    /**
     * @param model the model that was run
     * @param layers the layers to report, in order
     * @param activations every layer's output
     * @param files where outputs were written, by layer; empty without {@code --out}
     * @param withFiles whether {@code --out} was given (adds a file column to the table)
     * @return the report
     */
    static ActivationReport of(InspectedModel model, List<String> layers, Map<String, INDArray> activations,
            Map<String, Path> files, boolean withFiles) {
        List<Row> rows = new ArrayList<>();
        for (String layer : layers) {
            String className = model.layer(layer).map(ModelLayer::className)
                    .orElseGet(() -> FinalStates.describe(model, layer).orElseGet(() -> extraOutput(model, layer)));
            INDArray output = activations.get(layer);
            rows.add(output == null
                    ? new Row(layer, className, null, null, null)
                    : new Row(layer, className, output.shape(), ActivationStatistics.of(output), files.get(layer)));
        }
        return new ActivationReport(rows, withFiles);
    }

    /** @return what an extra output row {@code LAYER__N} holds when it is no recurrent state: "CLASS output N" */
    private static String extraOutput(InspectedModel model, String row) {
        int separator = row.lastIndexOf("__");
        return separator < 0 ? "?" : model.layer(row.substring(0, separator))
                .map(layer -> layer.className() + " output " + row.substring(separator + 2)).orElse("?");
    }

    /**
     * Prints each row's numbers, NumPy-style ({@link ArrayText}), under a line naming the layer.
     *
     * @param out where to print
     * @param activations every layer's output
     * @param example the one example of the batch to print, or null for the whole batch
     */
    void printValues(PrintWriter out, Map<String, INDArray> activations, Integer example) {
        for (Row row : rows) {
            INDArray output = activations.get(row.layer());
            if (output == null) {
                continue;
            }
            INDArray shown = example == null ? output : exampleOf(output, example);
            out.println();
            out.println(row.layer() + " (" + row.className() + ")"
                    + (example == null ? "" : ", example " + example + " of " + output.size(0))
                    + ", shape " + Formats.shape(shown.shape()) + ":");
            out.println(ArrayText.of(shown));
        }
    }

    /**
     * Adds {@code "values"} to each layer of a {@link #toJson} document: its numbers as nested
     * lists (null for NaN and infinities, which JSON cannot hold).
     *
     * @param document the document
     * @param activations every layer's output
     * @param example the one example of the batch to give, or null for the whole batch
     */
    @SuppressWarnings("unchecked")
    void addValues(Map<String, Object> document, Map<String, INDArray> activations, Integer example) {
        document.put("values_example", example);
        for (Map<String, Object> layer : (List<Map<String, Object>>) document.get("layers")) {
            INDArray output = activations.get((String) layer.get("name"));
            layer.put("values", output == null ? null : nested(example == null ? output : exampleOf(output, example)));
        }
    }

    private static INDArray exampleOf(INDArray output, int example) {
        return output.rank() == 0 ? output : output.slice(example).reshape(sliceShape(output.shape()));
    }

    private static long[] sliceShape(long[] shape) {
        long[] slice = new long[shape.length - 1];
        System.arraycopy(shape, 1, slice, 0, slice.length);
        return slice;
    }

    private static Object nested(INDArray array) {
        if (array.rank() == 0) {
            return Formats.finiteOrNull(array.getDouble(0));
        }
        return nested(array, new long[array.rank()], 0);
    }

    private static List<Object> nested(INDArray array, long[] index, int axis) {
        List<Object> items = new ArrayList<>();
        for (long i = 0; i < array.size(axis); i++) {
            index[axis] = i;
            items.add(axis == array.rank() - 1 ? Formats.finiteOrNull(array.getDouble(index))
                    : nested(array, index, axis + 1));
        }
        return items;
    }

    /** Prints the aligned table. */
    void printTable(PrintWriter out) {
        TextTable table = new TextTable().left("layer").left("class").left("shape")
                .right("min").right("mean").right("max").right("zeros").right("NaN").right("Inf");
        if (withFiles) {
            table.left("file");
        }
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.layer(), row.className()));
            ActivationStatistics statistics = row.statistics();
            if (statistics == null) {
                cells.addAll(List.of("not computed", Formats.NONE, Formats.NONE, Formats.NONE, Formats.NONE,
                        Formats.NONE, Formats.NONE));
            } else {
                cells.addAll(List.of(Formats.shape(row.shape()), Formats.statistic(statistics.min()),
                        Formats.statistic(statistics.mean()), Formats.statistic(statistics.max()),
                        Formats.percent(statistics.zeroFraction()), Long.toString(statistics.nanCount()),
                        Long.toString(statistics.infinityCount())));
            }
            if (withFiles) {
                cells.add(row.file() == null ? Formats.NONE : row.file().getFileName().toString());
            }
            table.row(cells.toArray(String[]::new));
        }
        table.print(out);
    }

    /**
     * @param modelFile the MODEL argument
     * @param file what the model file said about itself
     * @param inputs what was run
     * @return the {@code --json} document
     */
    Map<String, Object> toJson(Path modelFile, ModelFile file, List<InputFiles.ModelInput> inputs) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFile.toString());
        document.put("keras_version", file.kerasVersion());
        document.put("backend", file.backend());
        document.put("format", file.format().name());
        List<Map<String, Object>> given = new ArrayList<>();
        for (InputFiles.ModelInput input : inputs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", input.name());
            entry.put("file", input.file().toString());
            entry.put("shape", input.values().shape());
            given.add(entry);
        }
        document.put("inputs", given);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Row row : rows) {
            ActivationStatistics statistics = row.statistics();
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", row.layer());
            layer.put("class", row.className());
            layer.put("shape", row.shape());
            layer.put("min", statistics == null ? null : Formats.finiteOrNull(statistics.min()));
            layer.put("mean", statistics == null ? null : Formats.finiteOrNull(statistics.mean()));
            layer.put("max", statistics == null ? null : Formats.finiteOrNull(statistics.max()));
            layer.put("zero_fraction", statistics == null ? null : statistics.zeroFraction());
            layer.put("nan_count", statistics == null ? null : statistics.nanCount());
            layer.put("inf_count", statistics == null ? null : statistics.infinityCount());
            layer.put("file", row.file() == null ? null : row.file().toString());
            layers.add(layer);
        }
        document.put("layers", layers);
        return document;
    }
}
