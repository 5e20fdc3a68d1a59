package org.kinspect.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.DataFormats;
import org.kinspect.config.LayerNames;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.gates.GateTraces;
import org.kinspect.inspect.ActivationStatistics;
import org.kinspect.report.graph.GraphPicture;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a folder a person opens in a browser to see what each unit of a model does for one
 * input: PNG charts of every layer's output (and, if asked, its weights) and an {@code index.html}
 * that shows the model summary, then each layer's statistics and charts. Nothing needs a server or
 * the network; charts are drawn headless.
 *
 * <pre>{@code
 * InspectedModel model = InspectedModel.open(Path.of("sine_lstm.h5"));
 * Map<String, INDArray> activations = model.activations(NpyFile.read(Path.of("x.npy")));
 * Report report = ReportWriter.write(model, activations,
 *         ReportOptions.defaults().withUnits(List.of(0, 3, 7)).withWeights(true), Path.of("report"));
 * System.out.println("open " + report.index());
 * }</pre>
 *
 * <p>File names come from layer names by {@link LayerFileNames} and from what the chart shows
 * ({@code lstm_1.heatmap.png}, {@code lstm_1.weights.kernel.hinton.png}), so the same model gives
 * the same files on every run. When the folder also holds a layer's values named by the same rule
 * ({@code lstm_1.npy}, {@code lstm_1.weights.kernel.npy}, as {@code kinspect --out} writes them),
 * the index links them.
 */
public final class ReportWriter {
    /** The report's front page, in the output folder. */
    public static final String INDEX = "index.html";

    private ReportWriter() {}

    /**
     * @param model the model
     * @param activations every layer's output in Keras's layout keyed by layer name, as
     *     {@link InspectedModel#activations} gives them; extra outputs as {@code LAYER__1},
     *     {@code LAYER__2} (a {@link org.kinspect.inspect.KerasReference} has them). May be empty
     *     for a report of the weights alone.
     * @param options what to draw
     * @param folder where to write; created when missing, files of the same names replaced
     * @return what was written
     * @throws KinspectException when a layer asked for does not exist, the example is not in the
     *     batch, or the folder cannot be written
     */
    public static Report write(InspectedModel model, Map<String, INDArray> activations, ReportOptions options,
            Path folder) {
        return write(model, activations, options, folder, Map.of());
    }

    /**
     * The report with the gate charts of some recurrent layers in their sections (heatmaps of every
     * gate, the first of {@code options.units()}, or the most varying unit, over time, and the
     * forget or update gate's saturation), and links to their {@code LAYER.gates.NAME.npy} files
     * when they are in the folder.
     *
     * <pre>{@code
     * ReportWriter.write(model, activations, options, folder, Map.of("lstm_1", model.gates(inputs, "lstm_1")));
     * }</pre>
     *
     * @param model the model
     * @param activations every layer's output, as for {@link #write(InspectedModel, Map, ReportOptions, Path)}
     * @param options what to draw
     * @param folder where to write
     * @param gates gate traces by layer name, from {@link InspectedModel#gates}
     * @return what was written
     */
    public static Report write(InspectedModel model, Map<String, INDArray> activations, ReportOptions options,
            Path folder, Map<String, GateTraces> gates) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw KinspectException.input(folder + ": cannot create the report folder (" + e.getMessage() + ")", e);
        }
        ModelSpec spec = ModelInternals.spec(model);
        ReportWarmUp.awaitDone();
        List<LayerSpec> layers = options.layers().isEmpty()
                ? spec.layers()
                : options.layers().stream().map(name -> layerOf(model, name)).distinct().toList();
        Map<String, String> stems = LayerFileNames.stems(layers.stream().map(LayerSpec::name).toList());
        Map<String, Boolean> channelsFirst = DataFormats.channelsFirstByLayer(spec);
        ActivationCharts activationCharts = new ActivationCharts(LayerKinds.of(spec), options, folder);
        WeightCharts weightCharts = new WeightCharts(folder);
        // The model graph's layout needs no chart: laid out on a thread of its own meanwhile, so that
        // it does not wait for the last chart with one core idle.
        CompletableFuture<GraphPicture> picture = CompletableFuture.supplyAsync(
                () -> GraphPicture.of(model, activations, options.graphColour(), options.example()),
                task -> {
                    Thread layout = new Thread(task, "kinspect-graph-layout");
                    layout.setDaemon(true);
                    layout.start();
                });

        // each layer's charts are drawn on their own (JFreeChart and PNG encoding are CPU-bound), so
        // on several cores several layers are drawn at once; the page keeps the layers' order
        List<LayerSection> sections = layers.parallelStream()
                .map(layer -> drawLayer(model, layer, stems.get(layer.name()), activations, options, folder, gates,
                        channelsFirst.getOrDefault(layer.name(), false), activationCharts, weightCharts))
                .filter(Objects::nonNull)
                .toList();
        List<ReportImage> images = sections.stream().flatMap(section -> section.charts().images().stream()).toList();
        List<String> warnings = sections.stream().flatMap(section -> section.charts().warnings().stream()).toList();
        Path index = folder.resolve(INDEX);
        Map<String, String> sectionStems = new HashMap<>();
        sections.forEach(section -> sectionStems.put(section.name(), section.stem()));
        String graph = joined(picture)
                .svg(name -> sectionStems.containsKey(name) ? "#" + IndexPage.anchor(sectionStems.get(name)) : null);
        IndexPage.write(index, model.file().path().getFileName().toString(), model.summary(), graph, sections,
                options);
        return new Report(index, images, warnings);
    }

    /** @return the future's value; what it threw, thrown as it was */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** @return the layer's section with its charts drawn, or null for a layer with nothing to show */
    private static LayerSection drawLayer(InspectedModel model, LayerSpec layer, String stem,
            Map<String, INDArray> activations, ReportOptions options, Path folder, Map<String, GateTraces> gates,
            boolean channelsFirst, ActivationCharts activationCharts, WeightCharts weightCharts) {
        INDArray activation = activations.get(layer.name());
        Map<String, INDArray> allWeights = model.weights(layer.name());
        Map<String, INDArray> weights = options.weights() ? allWeights : Map.of();
        if (activation == null && weights.isEmpty()) {
            return null;
        }
        List<ReportImage> layerImages = new ArrayList<>();
        List<String> remarks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ActivationStatistics example = null;
        ActivationStatistics batch = null;
        if (activation != null) {
            LayerCharts drawn = activationCharts.draw(layer, stem, activation, channelsFirst,
                    extraOutputs(activations, layer.name()));
            layerImages.addAll(drawn.images());
            remarks.addAll(drawn.remarks());
            warnings.addAll(drawn.warnings());
            example = ActivationStatistics.of(activation.slice(options.example()));
            batch = ActivationStatistics.of(activation);
        }
        List<LayerSection.Weight> weightRows = new ArrayList<>();
        if (!weights.isEmpty()) {
            layerImages.addAll(weightCharts.draw(layer, stem, weights).images());
            weights.forEach((name, values) -> weightRows.add(
                    new LayerSection.Weight(name, values.shape(), ActivationStatistics.of(values))));
        }
        GateTraces traces = gates.get(layer.name());
        if (traces != null) {
            layerImages.addAll(GateCharts.draw(traces, layer.className(), stem, options.example(),
                    options.units().isEmpty() ? null : options.units().get(0), folder));
        }
        LayerCharts charts = new LayerCharts(layerImages, remarks, warnings);
        return new LayerSection(layer.name(), stem, layer.className(),
                activation == null ? null : activation.shape(), example, batch, weightRows, charts,
                arraysBeside(folder, stem, allWeights.keySet(), traces));
    }

    /** @return the layer named, or the layer whose extra output ({@code LAYER__1}) is named */
    private static LayerSpec layerOf(InspectedModel model, String name) {
        ModelSpec spec = ModelInternals.spec(model);
        if (spec.layer(name).isPresent() || !model.outputNames().contains(name)) {
            return LayerNames.require(spec, name);
        }
        return LayerNames.require(spec, name.substring(0, name.lastIndexOf("__")));
    }

    /**
     * The layer's {@code .npy} files already in the folder: its output, its further outputs
     * ({@code LAYER__1.npy}..., e.g. an LSTM's final h and c), then its weights, then its gate
     * traces when they were asked for ({@code gates} null otherwise).
     */
    private static List<Path> arraysBeside(Path folder, String stem, Set<String> weightNames, GateTraces gates) {
        List<String> names = new ArrayList<>();
        names.add(LayerFileNames.join(stem, "npy"));
        for (int index = 1; Files.isRegularFile(folder.resolve(LayerFileNames.join(stem + "__" + index, "npy"))); index++) {
            names.add(LayerFileNames.join(stem + "__" + index, "npy"));
        }
        LayerFileNames.stems(List.copyOf(weightNames)).values()
                .forEach(weightStem -> names.add(LayerFileNames.weightFile(stem, weightStem, "npy")));
        if (gates != null) {
            gates.traces().keySet().forEach(trace -> names.add(LayerFileNames.gateFile(stem, trace, "npy")));
        }
        return names.stream().map(folder::resolve).filter(Files::isRegularFile).toList();
    }

    /** A layer's further outputs, {@code LAYER__1}, {@code LAYER__2}..., in order, as long as they run on. */
    private static List<INDArray> extraOutputs(Map<String, INDArray> activations, String layer) {
        List<INDArray> extras = new ArrayList<>();
        for (int index = 1; activations.containsKey(layer + "__" + index); index++) {
            extras.add(activations.get(layer + "__" + index));
        }
        return extras;
    }
}
