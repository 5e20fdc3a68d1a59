package org.kinspect.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.ModelLayer;
import org.kinspect.config.LayerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Charts of gradients and attributions, for one example: over an image, a heatmap of the
 * attribution summed over the channels; over a sequence, a time step x feature heatmap and a bar
 * per step (the attribution summed over the features); over a vector, a bar per feature; for a
 * recurrent layer, which time steps drive each unit's final state; for weights, Hinton diagrams
 * and histograms of their gradients.
 *
 * <pre>{@code
 * List<ReportImage> images = AttributionCharts.ofInputs(attributions, "integrated", 0, folder);
 * images.addAll(AttributionCharts.ofWeights(model, gradients.weights(), folder));
 * }</pre>
 */
public final class AttributionCharts {
    private static final int BAR_WIDTH = 1000;
    private static final int BAR_HEIGHT = 440;

    private AttributionCharts() {
    }

    /**
     * @param arrays attributions (or gradients) by input or layer name, Keras's layout, batch first
     * @param method what they are ("gradient", "integrated"), in titles and file names
     * @param example which example of the batch to draw
     * @param folder where the PNGs go
     * @return the charts drawn
     */
    public static List<ReportImage> ofInputs(Map<String, INDArray> arrays, String method, int example, Path folder) {
        return ofInputs(arrays, Map.of(), method, example, folder);
    }

    /**
     * As {@link #ofInputs(Map, String, int, Path)}, and for an image whose input is given, its
     * attribution also drawn over the image ({@code NAME.METHOD.overlay.png}).
     *
     * <pre>{@code
     * AttributionCharts.ofInputs(ig.attributions(), Map.of("image", x), "integrated", 0, folder);
     * }</pre>
     *
     * @param arrays attributions (or gradients) by input or layer name, Keras's layout, batch first
     * @param inputs the inputs they are of, by name (an image's is drawn under its attribution)
     * @param method what they are ("gradient", "integrated"), in titles and file names
     * @param example which example of the batch to draw
     * @param folder where the PNGs go
     * @return the charts drawn
     */
    public static List<ReportImage> ofInputs(Map<String, INDArray> arrays, Map<String, INDArray> inputs, String method,
            int example, Path folder) {
        List<ReportImage> images = new ArrayList<>();
        Map<String, String> stems = LayerFileNames.stems(List.copyOf(arrays.keySet()));
        for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
            String name = entry.getKey();
            INDArray array = entry.getValue().castTo(DataType.DOUBLE);
            if (array.rank() < 2 || example >= array.size(0)) {
                continue;
            }
            INDArray one = array.slice(example);
            List<String> notes = List.of("example " + example + " of " + array.size(0));
            String stem = stems.get(name);
            if (one.rank() == 3) {
                // an image (rows, columns, channels)
                List<String> imageNotes = List.of(notes.get(0) + "; summed over the image's channels");
                images.add(FeatureMapGridChart.create(name, method, new double[][][] {one.sum(2).toDoubleMatrix()},
                        List.of(0), imageNotes)
                        .writePng(folder.resolve(LayerFileNames.join(stem, method, "heatmap", "png")), name,
                                method + " over the image"));
                INDArray input = inputs.get(name);
                if (input != null && input.rank() == 4 && example < input.size(0)) {
                    double[][] picture = input.castTo(DataType.DOUBLE).slice(example).mean(2).toDoubleMatrix();
                    images.add(AttributionOverlayChart.create(name, method, picture, one.sum(2).toDoubleMatrix(), notes)
                            .writePng(folder.resolve(LayerFileNames.join(stem, method, "overlay", "png")), name,
                                    method + " drawn over the image"));
                }
            } else if (one.rank() == 2) {
                // a sequence (steps, features): heatmap feature x step, and a bar per step
                double[][] stepsByFeature = one.toDoubleMatrix();
                images.add(SequenceHeatmapChart.create(name, method, transpose(stepsByFeature), SequenceAxes.INPUT, notes,
                        method)
                        .writePng(folder.resolve(LayerFileNames.join(stem, method, "heatmap", "png")), name,
                                method + ": time step \u00d7 feature"));
                images.add(bars(name, method, one.sum(1).toDoubleVector(), "time step", notes)
                        .writePng(folder.resolve(LayerFileNames.join(stem, method, "steps", "png")), name,
                                method + " per time step (summed over the features)"));
            } else if (one.rank() == 1) {
                images.add(bars(name, method, one.toDoubleVector(), "feature", notes)
                        .writePng(folder.resolve(LayerFileNames.join(stem, method, "bars", "png")), name,
                                method + " per feature"));
            }
        }
        return images;
    }

    /**
     * @param layer the convolution
     * @param cam its Grad-CAM map, (batch, rows, columns) or (batch, steps)
     * @param example which example to draw
     * @param folder where the PNG goes
     * @return the chart drawn
     */
    public static ReportImage ofGradCam(String layer, INDArray cam, int example, Path folder) {
        INDArray one = cam.castTo(DataType.DOUBLE).slice(example);
        double[][] map = one.rank() == 2 ? one.toDoubleMatrix() : new double[][] {one.toDoubleVector()};
        return FeatureMapGridChart.create(layer, "Grad-CAM", new double[][][] {map}, List.of(0),
                List.of("example " + example + " of " + cam.size(0) + "; at the layer's resolution"))
                .writePng(folder.resolve(LayerFileNames.join(LayerFileNames.safe(layer), "gradcam", "png")), layer,
                        "Grad-CAM of " + layer);
    }

    /**
     * @param layer a recurrent layer
     * @param unitsBySteps for each unit, how much each input time step moves its final state
     *     (the mean over the examples of the summed |gradient| over the features)
     * @param folder where the PNG goes
     * @return the chart drawn
     */
    public static ReportImage ofFinalStates(ModelLayer layer, double[][] unitsBySteps, Path folder) {
        String stem = LayerFileNames.safe(layer.name());
        return SequenceHeatmapChart.create(layer.name(), layer.className(), unitsBySteps,
                new SequenceAxes("unit", "input time step"), List.of("|d final state / d input|, summed over the"
                        + " features, mean over the examples"), "|gradient|")
                .writePng(folder.resolve(LayerFileNames.join(stem, "final-state", "steps", "png")), layer.name(),
                        "which input time steps drive each unit's final state");
    }

    /**
     * @param model the model, for its layers' titles and gate names
     * @param weights weight gradients by layer, then Keras weight name
     * @param folder where the PNGs go
     * @return the Hinton diagram and histogram of each weight's gradient
     */
    public static List<ReportImage> ofWeights(InspectedModel model, Map<String, Map<String, INDArray>> weights,
            Path folder) {
        Map<String, LayerSpec> layers = new LinkedHashMap<>();
        ModelInternals.spec(model).layers().forEach(layer -> layers.put(layer.name(), layer));
        List<ReportImage> images = new ArrayList<>();
        WeightCharts charts = new WeightCharts(folder);
        Map<String, String> stems = LayerFileNames.stems(List.copyOf(weights.keySet()));
        weights.forEach((layer, byName) -> {
            Map<String, INDArray> named = new LinkedHashMap<>();
            byName.forEach((weight, gradient) -> named.put(weight + "-gradient", gradient));
            LayerSpec spec = layers.get(layer);
            if (spec != null) {
                images.addAll(charts.draw(spec, stems.get(layer), named).images());
            }
        });
        return images;
    }

    private static SizedChart bars(String name, String method, double[] values, String axis, List<String> notes) {
        UnitBars bars = UnitBars.of(values);
        NumberAxis positions = ChartLook.axis(axis, true);
        positions.setRange(-0.5, Math.max(values.length - 0.5, 0.5));
        NumberAxis valueAxis = ChartLook.axis(method, false);
        valueAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(positions);
        plot.setRangeAxis(valueAxis);
        bars.drawIn(plot);
        List<String> lines = new ArrayList<>(notes);
        if (bars.grouped()) {
            lines.add(bars.groupingNote());
        }
        JFreeChart chart = ChartLook.chart(ChartLook.title(name, method, "per " + axis), lines, plot, false);
        return new SizedChart(chart, BAR_WIDTH, BAR_HEIGHT);
    }

    private static double[][] transpose(double[][] matrix) {
        double[][] result = new double[matrix.length == 0 ? 0 : matrix[0].length][matrix.length];
        for (int row = 0; row < matrix.length; row++) {
            for (int column = 0; column < matrix[row].length; column++) {
                result[column][row] = matrix[row][column];
            }
        }
        return result;
    }
}
