package org.kinspect.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.kinspect.config.LayerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws a layer's weights: a Hinton diagram of every matrix (a convolution kernel as rows of
 * kernel positions and input channels against output channels) and a histogram of every tensor.
 *
 * <pre>{@code
 * LayerCharts drawn = new WeightCharts(folder).draw(layer, "lstm_1", model.weights("lstm_1"));
 * }</pre>
 */
final class WeightCharts {
    // Keras 1 names: W (or W_i, W_f... per gate) is the kernel, U the recurrent kernel.
    private static final Pattern KERAS1_KERNEL = Pattern.compile("W(_\\w+)?");
    private static final Pattern KERAS1_RECURRENT = Pattern.compile("U(_\\w+)?");
    private final Path folder;

    /** @param folder where the PNGs go */
    WeightCharts(Path folder) {
        this.folder = folder;
    }

    /**
     * @param layer the layer
     * @param stem its file name stem, from {@link LayerFileNames#stems}
     * @param weights its weights by Keras name, in Keras's shapes
     * @return the charts drawn
     */
    LayerCharts draw(LayerSpec layer, String stem, Map<String, INDArray> weights) {
        List<ReportImage> images = new ArrayList<>();
        Map<String, String> weightStems = LayerFileNames.stems(List.copyOf(weights.keySet()));
        for (Map.Entry<String, INDArray> weight : weights.entrySet()) {
            String name = weight.getKey();
            INDArray tensor = weight.getValue();
            long[] shape = tensor.shape();
            double[] values = tensor.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            if (shape.length >= 2 && values.length > 0) {
                images.add(hinton(layer, name, shape, values)
                        .writePng(file(stem, weightStems.get(name), "hinton"), layer.name(), name + ": Hinton diagram"));
            }
            images.add(WeightHistogram.create(layer.name(), layer.className(), name, shape, values)
                    .writePng(file(stem, weightStems.get(name), "histogram"), layer.name(), name + ": histogram"));
        }
        return new LayerCharts(images, List.of(), List.of());
    }

    private SizedChart hinton(LayerSpec layer, String name, long[] shape, double[] values) {
        int columns = (int) shape[shape.length - 1];
        int rows = values.length / columns;
        double[][] matrix = new double[rows][columns];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(values, row * columns, matrix[row], 0, columns);
        }
        List<String> notes = new ArrayList<>();
        HintonDiagram.Axes axes;
        if (shape.length > 2) {
            notes.add("shape " + Arrays.toString(shape) + " drawn as " + rows + " \u00d7 " + columns
                    + ": every axis but the last as rows");
            axes = new HintonDiagram.Axes("kernel position \u00d7 input channel", "output channel");
        } else if (name.endsWith("recurrent_kernel") || KERAS1_RECURRENT.matcher(name).matches()) {
            axes = new HintonDiagram.Axes("unit of the previous state", "unit");
        } else if (name.endsWith("kernel") || KERAS1_KERNEL.matcher(name).matches()) {
            axes = new HintonDiagram.Axes("input", "unit");
        } else {
            axes = new HintonDiagram.Axes("row (axis 0)", "column (axis 1)");
        }
        List<String> gates = LayerKinds.gateNames(layer);
        boolean gated = name.endsWith("kernel") && !gates.isEmpty() && columns % gates.size() == 0;
        return HintonDiagram.create(layer.name(), layer.className(), name, matrix, axes,
                gated ? gates : List.of(), notes);
    }

    private Path file(String stem, String weightStem, String what) {
        return folder.resolve(LayerFileNames.weightFile(stem, weightStem, what, "png"));
    }
}
