package org.kinspect;

import java.util.Objects;
import org.kinspect.config.ModelSpec;
import org.kinspect.file.ModelArchive;
import org.kinspect.graph.ImportedGraph;

/**
 * The library's way to an {@link InspectedModel}'s internals, which users are not handed: its
 * description, what its file held and its imported graph. Users call the read-only methods of
 * {@code InspectedModel} ({@code layers()}, {@code file()}, {@code summary()}...) instead. Beside
 * {@code InspectedModel}, so it reads them without a grant; {@link PublicApi} excludes it from the
 * exported API, and the CLI and the samples may not use it ({@code PublicApiBoundaryTest}).
 *
 * <pre>{@code
 * ModelSpec spec = ModelInternals.spec(model);
 * ImportedGraph imported = ModelInternals.imported(model);
 * }</pre>
 */
public final class ModelInternals {

    private ModelInternals() {}

    /**
     * @param model a model
     * @return the model as its configuration describes it, normalised
     */
    public static ModelSpec spec(InspectedModel model) {
        return Objects.requireNonNull(model, "model").spec();
    }

    /**
     * @param model a model
     * @return what its file held: format, Keras version, backend, weights by Keras name
     */
    public static ModelArchive archive(InspectedModel model) {
        return Objects.requireNonNull(model, "model").archive();
    }

    /**
     * @param model a model
     * @return its imported graph, with DL4J's description of every layer's output (built now if it
     *     was not yet)
     */
    public static ImportedGraph imported(InspectedModel model) {
        return Objects.requireNonNull(model, "model").imported();
    }
}
