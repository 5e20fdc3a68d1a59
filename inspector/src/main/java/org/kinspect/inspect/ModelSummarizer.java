package org.kinspect.inspect;

import org.kinspect.file.ModelArchive;
import org.kinspect.graph.ConfiguredGraph;
import org.kinspect.graph.ImportedGraph;
import org.kinspect.shape.ShapeModel;

/**
 * Makes a {@link ModelSummary} from the library's side of a model: its imported graph, or its
 * configuration mapped to DL4J before the graph is built, with what its file held. The library's
 * ({@link org.kinspect.PublicApi#LIBRARY_ONLY}): users read {@code InspectedModel.summary()}.
 */
public final class ModelSummarizer {

    private ModelSummarizer() {}

    /**
     * <pre>{@code
     * ShapeModel shapes = ShapeModel.of(spec, Map.of("image", KerasShape.of(null, 224, 224, 3)));
     * ModelSummarizer.summarize(imported, archive, shapes);  // the open image size filled in
     * }</pre>
     *
     * @param imported the imported model
     * @param archive the file it came from
     * @param shapes every layer's Keras shapes, open sizes filled in where the caller knows them
     * @return its summary
     */
    public static ModelSummary summarize(ImportedGraph imported, ModelArchive archive, ShapeModel shapes) {
        return ModelSummary.of(imported, archive, shapes);
    }

    /**
     * The summary of a model mapped to DL4J whose graph is not built: it is built only for a model
     * without weights, whose parameters are counted in it.
     *
     * <pre>{@code
     * ConfiguredGraph configured = GraphImporter.configure(spec, archive.weights(), "model.h5", CustomObjects.none());
     * ModelSummarizer.summarize(configured, archive, ShapeModel.of(spec)); // no parameter vector allocated
     * }</pre>
     *
     * @param configured the model as mapped to DL4J
     * @param archive the file it came from
     * @param shapes every layer's Keras shapes, open sizes filled in where the caller knows them
     * @return its summary, the same as of the built graph
     */
    public static ModelSummary summarize(ConfiguredGraph configured, ModelArchive archive, ShapeModel shapes) {
        return ModelSummary.of(configured, archive, shapes);
    }
}
