package org.kinspect.report.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.config.DataFormats;
import org.kinspect.config.LayerSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.report.png.PngFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A drawn graph of a model: one box per layer call, arrows for the tensors between them with their
 * shapes, laid out top-down (see {@link GraphLayout}); after a run, each box coloured by a
 * {@link NodeStatistic} and holding a {@link NodeGlyph} of its output. As SVG (the report's page,
 * a {@code .svg} file) or PNG.
 *
 * <pre>{@code
 * GraphPicture.of(model).writeSvg(Path.of("graph.svg"));              // the structure alone
 * Map<String, INDArray> activations = model.activations(NpyFile.read(Path.of("x.npy")));
 * GraphPicture.of(model, activations, NodeStatistic.DEAD_UNITS, 0).writePng(Path.of("graph.png"));
 * }</pre>
 */
public final class GraphPicture {
    /** Pixels per layout unit in the PNG: sharp on a high-density screen, still a modest file. */
    private static final double PNG_SCALE = 1.5;
    private final LaidOutGraph layout;
    private final Map<String, NodeActivity> activity;
    private final GraphDrawing drawing;

    private GraphPicture(LaidOutGraph layout, Map<String, NodeActivity> activity, NodeStatistic statistic) {
        this.layout = layout;
        this.activity = Map.copyOf(activity);
        this.drawing = new GraphDrawing(layout, activity, statistic);
    }

    /**
     * @param model a model
     * @return its graph: structure, shapes and parameter counts, no activations
     */
    public static GraphPicture of(InspectedModel model) {
        return new GraphPicture(GraphLayout.layOut(ModelGraph.of(ModelInternals.spec(model), model.summary()), java.util.Set.of()), Map.of(), null);
    }

    /**
     * @param model a model
     * @param activations its layers' outputs by name, as {@link InspectedModel#activations} gives them
     * @param statistic what colours the nodes
     * @param example which example of the batch the glyphs show
     * @return its graph with each node's glyph and statistic
     */
    public static GraphPicture of(InspectedModel model, Map<String, INDArray> activations, NodeStatistic statistic,
            int example) {
        if (activations.isEmpty()) {
            return of(model);
        }
        Map<String, Boolean> channelsFirst = DataFormats.channelsFirstByLayer(ModelInternals.spec(model));
        Map<String, NodeActivity> activity = new LinkedHashMap<>();
        for (LayerSpec layer : ModelInternals.spec(model).layers()) {
            INDArray output = activations.get(layer.name());
            if (output != null && !layer.isInput()) {
                boolean first = channelsFirst.getOrDefault(layer.name(), false);
                activity.put(layer.name(), new NodeActivity(NodeGlyph.of(output, first, example),
                        statistic.of(layer, output, first)));
            }
        }
        java.util.Set<String> withGlyphs = new java.util.HashSet<>();
        activity.forEach((name, shown) -> {
            if (shown.glyph() != null) withGlyphs.add(name);
        });
        ModelGraph graph = ModelGraph.of(ModelInternals.spec(model), model.summary());
        return new GraphPicture(GraphLayout.layOut(graph, withGlyphs), activity, statistic);
    }

    /** @return what each node shows of its layer's output, by node name; empty for the structure alone */
    public Map<String, NodeActivity> activity() {
        return activity;
    }

    /** @return the layout drawn: every node's box and every edge's route */
    public LaidOutGraph layout() {
        return layout;
    }

    /**
     * @param links a node name's link target (e.g. {@code #layer-dense}), or null for a node without a link
     * @return one {@code <svg>} element to put in an HTML page (as HTML writes it: no namespace)
     */
    public String svg(Function<String, String> links) {
        return svg(links, false);
    }

    private String svg(Function<String, String> links, boolean standalone) {
        SvgCanvas canvas = new SvgCanvas(drawing.width(), drawing.height(), "graph of model " + layout.graph().modelName(),
                standalone);
        drawing.draw(canvas, links);
        return canvas.finish();
    }

    /**
     * @param file where to write a standalone SVG file (nodes without links)
     * @throws KinspectException when it cannot be written
     */
    public void writeSvg(Path file) {
        try {
            Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(name -> null, true),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw KinspectException.input(file + ": cannot write the graph (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param file where to write the same drawing as a PNG image
     * @throws KinspectException when it cannot be written
     */
    public void writePng(Path file) {
        PictureCanvas canvas = new PictureCanvas(drawing.width(), drawing.height(), PNG_SCALE);
        drawing.draw(canvas, name -> null);
        try {
            PngFile.write(canvas.finish(), file);
        } catch (IOException e) {
            throw KinspectException.input(file + ": cannot write the graph (" + e.getMessage() + ")", e);
        }
    }
}
