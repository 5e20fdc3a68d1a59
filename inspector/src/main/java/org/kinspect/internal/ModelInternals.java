package org.kinspect.internal;

import org.kinspect.InspectedModel;
import org.kinspect.config.ModelSpec;
import org.kinspect.file.ModelArchive;
import org.kinspect.graph.ImportedGraph;

/**
 * The library's way to an {@link InspectedModel}'s internals, which users are not handed: its
 * description, what its file held and its imported graph. Users call the read-only methods of
 * {@code InspectedModel} ({@code layers()}, {@code file()}, {@code summary()}...) instead; the CLI and
 * the samples may not import this class (checked by {@code PublicApiBoundaryTest}).
 *
 * <pre>{@code
 * ModelSpec spec = ModelInternals.spec(model);
 * ImportedGraph imported = ModelInternals.imported(model);
 * }</pre>
 */
public final class ModelInternals {

    /** How {@code InspectedModel} opens its internals to this class, once. */
    public interface Access {
        /**
         * @param model a model
         * @return its description
         */
        ModelSpec spec(InspectedModel model);

        /**
         * @param model a model
         * @return what its file held
         */
        ModelArchive archive(InspectedModel model);

        /**
         * @param model a model
         * @return its imported graph
         */
        ImportedGraph imported(InspectedModel model);
    }

    private static volatile Access access;

    private ModelInternals() {}

    /**
     * Called once, by {@code InspectedModel} as it is loaded.
     *
     * @param granted how to read a model's internals
     * @throws IllegalStateException when access was granted already
     */
    public static synchronized void grant(Access granted) {
        if (access != null) {
            throw new IllegalStateException("ModelInternals was granted access already");
        }
        access = granted;
    }

    /**
     * @param model a model
     * @return the model as its configuration describes it, normalised
     */
    public static ModelSpec spec(InspectedModel model) {
        return access(model).spec(model);
    }

    /**
     * @param model a model
     * @return what its file held: format, Keras version, backend, weights by Keras name
     */
    public static ModelArchive archive(InspectedModel model) {
        return access(model).archive(model);
    }

    /**
     * @param model a model
     * @return its imported graph, with DL4J's description of every layer's output
     */
    public static ImportedGraph imported(InspectedModel model) {
        return access(model).imported(model);
    }

    // A model in hand means InspectedModel was loaded, and its loading granted access.
    private static Access access(InspectedModel model) {
        if (model == null) {
            throw new NullPointerException("model");
        }
        return access;
    }
}
