package org.kinspect.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kinspect.config.LayerSpec;
import org.kinspect.report.ReportOptions.FeatureMapChoice;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Picks and draws the charts for one layer's output by its shape and kind: a sequence gets a
 * heatmap and its units over time (and a recurrent layer its final state), a vector of units gets
 * bar charts, an image stack a grid of feature maps.
 *
 * <pre>{@code
 * ActivationCharts charts = new ActivationCharts(LayerKinds.of(spec), options, folder);
 * LayerCharts drawn = charts.draw(layer, "lstm_1", activations.get("lstm_1"), false, List.of());
 * }</pre>
 */
final class ActivationCharts {
    private final LayerKinds kinds;
    private final ReportOptions options;
    private final Path folder;

    /**
     * @param kinds what each layer's output is
     * @param options what to draw
     * @param folder where the PNGs go
     */
    ActivationCharts(LayerKinds kinds, ReportOptions options, Path folder) {
        this.kinds = kinds;
        this.options = options;
        this.folder = folder;
    }

    /**
     * @param layer the layer
     * @param stem its file name stem, from {@link LayerFileNames#stems}
     * @param activation its output in Keras's layout, batch first
     * @param channelsFirst whether Keras keeps the layer's channels before its steps or pixels
     * @param extraOutputs its further outputs ({@code LAYER__1}, {@code LAYER__2}...: an RNN's
     *     {@code return_state} states), in order; empty when it has none
     * @return the charts drawn
     */
    LayerCharts draw(LayerSpec layer, String stem, INDArray activation, boolean channelsFirst,
            List<INDArray> extraOutputs) {
        ExampleSlice slice = ExampleSlice.of(activation, options.example(), layer.name());
        String example = "example " + options.example() + " of " + activation.size(0);
        List<ReportImage> images = new ArrayList<>();
        List<String> remarks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        switch (activation.rank()) {
            case 2 -> drawUnits(layer, stem, slice.vector(), example, images);
            case 3 -> {
                double[][] values = slice.rowsOverSteps(channelsFirst);
                drawSequence(layer, stem, values, example, images, remarks, warnings);
                if (LayerKinds.recurrent(layer) && extraOutputs.isEmpty()) {
                    drawLastStep(layer, stem, values, example, images, remarks);
                }
            }
            case 4 -> drawFeatureMaps(layer, stem, slice.channelMaps(channelsFirst), example, images);
            default -> remarks.add("no chart for an output of shape " + Arrays.toString(activation.shape())
                    + "; statistics only");
        }
        if (LayerKinds.recurrent(layer) && !extraOutputs.isEmpty()) {
            drawStates(layer, stem, activation, extraOutputs, example, images);
        }
        return new LayerCharts(images, remarks, warnings);
    }

    /**
     * Units from which a layer also gets its units sorted by activation: a bar chart of fewer (a
     * 3-class softmax) shows every unit at a glance, and the sorted one would look the same.
     */
    static final int SORTED_FROM_UNITS = 10;

    private void drawUnits(LayerSpec layer, String stem, double[] values, String example, List<ReportImage> images) {
        String what = LayerKinds.recurrent(layer) ? "final state h, each unit" : "each unit's activation";
        images.add(UnitBarChart.create(layer.name(), layer.className(), what, values, List.of(example))
                .writePng(file(stem, "units"), layer.name(), what));
        if (values.length >= SORTED_FROM_UNITS) {
            images.add(SortedUnitChart.create(layer.name(), layer.className(), values, List.of(example))
                    .writePng(file(stem, "sorted"), layer.name(), "units sorted by activation"));
        }
    }

    private void drawSequence(LayerSpec layer, String stem, double[][] values, String example, List<ReportImage> images,
            List<String> remarks, List<String> warnings) {
        SequenceAxes axes = kinds.sequenceAxes(layer.name());
        images.add(SequenceHeatmapChart.create(layer.name(), layer.className(), values, axes, List.of(example))
                .writePng(file(stem, "heatmap"), layer.name(), axes.rows() + " \u00d7 " + axes.columns()));

        List<Integer> chosen = options.units().stream().filter(unit -> unit < values.length).toList();
        List<Integer> missing = options.units().stream().filter(unit -> unit >= values.length).toList();
        if (!missing.isEmpty()) {
            String remark = axes.rows() + " " + join(missing) + " asked for, but " + layer.name() + " has "
                    + values.length + " (0 to " + (values.length - 1) + ")";
            remarks.add(remark);
            warnings.add(remark + "; not drawn");
        }
        String why;
        if (chosen.isEmpty()) {
            chosen = UnitTraceChart.mostVarying(values, options.topUnits());
            why = chosen.size() == values.length
                    ? "all " + values.length + " " + axes.rows()
                    : "the " + chosen.size() + " " + axes.rows() + " of " + values.length + " that vary most over "
                            + axes.columns() + " (" + join(chosen) + ")";
        } else {
            why = axes.rows() + " " + join(chosen) + " of " + values.length + ", as asked";
        }
        images.add(UnitTraceChart.create(layer.name(), layer.className(), values, chosen, axes,
                        List.of(example + "; " + why))
                .writePng(file(stem, "traces"), layer.name(), axes.rows() + " over " + axes.columns()));
    }

    /** The final states Keras returned beside the output ({@code return_state}). */
    private void drawStates(LayerSpec layer, String stem, INDArray output, List<INDArray> extraOutputs,
            String example, List<ReportImage> images) {
        List<String> names = LayerKinds.stateNames(layer);
        for (int index = 0; index < extraOutputs.size(); index++) {
            INDArray state = extraOutputs.get(index);
            // An LSTM without sequences returns h as its output too, already drawn above.
            if (state.rank() != 2 || state.equalShapes(output) && state.equals(output)) continue;
            String name = index < names.size() ? names.get(index) : "state " + (index + 1);
            String what = "final state " + name + " (output " + (index + 1) + "), each unit";
            double[] values = ExampleSlice.of(state, options.example(), layer.name()).vector();
            images.add(UnitBarChart.create(layer.name(), layer.className(), what, values, List.of(example))
                    .writePng(file(stem, "state" + (index + 1)), layer.name(), what));
        }
    }

    /**
     * The final state h read off the sequence: the last step, except that the backward half of a
     * Bidirectional layer ends at step 0.
     */
    private void drawLastStep(LayerSpec layer, String stem, double[][] values, String example, List<ReportImage> images,
            List<String> remarks) {
        int steps = values.length == 0 ? 0 : values[0].length;
        if (steps == 0) return;
        boolean bidirectional = layer.className().equals("Bidirectional");
        Object mergeMode = layer.config().getOrDefault("merge_mode", "concat");
        if (bidirectional && !"concat".equals(mergeMode)) {
            remarks.add("no final state chart: the two directions are merged by " + mergeMode
                    + ", so no step holds both final states");
            return;
        }
        double[] last = new double[values.length];
        for (int unit = 0; unit < values.length; unit++) {
            boolean backward = bidirectional && unit >= values.length / 2;
            last[unit] = values[unit][backward ? 0 : steps - 1];
        }
        String what = "final state h, each unit";
        String where = bidirectional
                ? "forward units " + 0 + " to " + (values.length / 2 - 1) + " at step " + (steps - 1)
                        + ", backward units " + values.length / 2 + " to " + (values.length - 1) + " at step 0"
                : "the output at the last time step, " + (steps - 1);
        images.add(UnitBarChart.create(layer.name(), layer.className(), what, last, List.of(example + "; " + where))
                .writePng(file(stem, "final_state"), layer.name(), what));
    }

    private void drawFeatureMaps(LayerSpec layer, String stem, double[][][] maps, String example,
            List<ReportImage> images) {
        List<Integer> channels = FeatureMapGridChart.choose(maps, options.featureMaps(), options.featureMapChoice());
        String which = channels.size() == maps.length
                ? (maps.length == 1 ? "its one channel" : "all " + maps.length + " channels")
                : channels.size() + " of " + maps.length + " channels: " + (options.featureMapChoice()
                        == FeatureMapChoice.FIRST ? "the first" : "the most active (largest mean |activation|)");
        images.add(FeatureMapGridChart.create(layer.name(), layer.className(), maps, channels,
                        List.of(example + "; " + which))
                .writePng(file(stem, "feature_maps"), layer.name(), "feature maps, " + which));
    }

    private Path file(String stem, String what) {
        return folder.resolve(LayerFileNames.join(stem, what, "png"));
    }

    private static String join(List<Integer> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
