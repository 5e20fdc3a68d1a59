package org.kinspect.graph.base;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * The table of {@link LayerHints} of one import, by Keras layer name, with the version of the Keras
 * that wrote the file, and the way kinspect's mappers reach it.
 *
 * <p>DL4J's {@code KerasModel} makes every mapper itself, from the layer's configuration map alone
 * (a registered mapper class needs a constructor taking that map and nothing else), so a mapper
 * cannot be handed the table. The import therefore sets it for the thread that runs DL4J's mapping,
 * for the duration of that mapping only ({@link #during}), and a mapper reads the entry of its own
 * layer name ({@link #current}). Mappers that map a wrapped layer under another name (a
 * Bidirectional's GRU is called {@code forward_gru}) pass their own entry on. Outside an import's
 * mapping the table is empty: the mappers then see no mask and DL4J's Keras version.
 *
 * <p>The first entries come from the description itself: each layer's {@code config.LayerNotes}
 * (an operation layer's operation, an attention layer's call), which its configuration does not
 * hold; the later steps add what they find from the whole model.
 *
 * <pre>{@code
 * ImportHints.Builder builder = ImportHints.builder(spec.kerasMajorVersion());
 * builder.update("gru", hints -> hints.withMask("embedding", null));
 * KerasModel model = ImportHints.during(builder.build(), () -> new ConfigOnlyKerasModel(json));
 * // in a mapper's constructor:
 * LayerHints hints = ImportHints.current().of(layerName);
 * }</pre>
 */
public final class ImportHints {
    private static final ImportHints NONE = new ImportHints(0, false, Map.of());
    private static final ThreadLocal<ImportHints> CURRENT = new ThreadLocal<>();

    private final int kerasMajorVersion;
    private final boolean channelsFirstModel;
    private final Map<String, LayerHints> byLayer;

    private ImportHints(int kerasMajorVersion, boolean channelsFirstModel, Map<String, LayerHints> byLayer) {
        this.kerasMajorVersion = kerasMajorVersion;
        this.channelsFirstModel = channelsFirstModel;
        this.byLayer = Map.copyOf(byLayer);
    }

    /**
     * @param kerasMajorVersion the Keras that wrote the file (DL4J's mappers are told 1 or 2 only)
     * @return an empty table to fill
     */
    public static Builder builder(int kerasMajorVersion) {
        return new Builder(kerasMajorVersion);
    }

    /**
     * @param layerName a Keras layer's name (the one the layer's mapper is given)
     * @return what the import found about it, or {@link LayerHints#NONE}
     */
    public LayerHints of(String layerName) {
        return byLayer.getOrDefault(layerName, LayerHints.NONE);
    }

    /** @return every layer's hints that say something, by Keras layer name */
    public Map<String, LayerHints> byLayer() {
        return byLayer;
    }

    /**
     * @param dl4jVersion the Keras version DL4J's mappers were told
     * @return the Keras that wrote the file, or {@code dl4jVersion} outside an import's mapping
     */
    public int kerasMajorVersion(int dl4jVersion) {
        return kerasMajorVersion > 0 ? kerasMajorVersion : dl4jVersion;
    }

    /**
     * @return whether the model has {@code channels_first} layers (kinspect gives DL4J some as
     *     {@code channels_last}, and DL4J's types do not show the layout), for operation layers
     */
    public boolean channelsFirstModel() {
        return channelsFirstModel;
    }

    /** @return the table of the mapping running on this thread, or an empty one */
    public static ImportHints current() {
        ImportHints hints = CURRENT.get();
        return hints == null ? NONE : hints;
    }

    /**
     * @param hints the table the mappers made by {@code work} read
     * @param work DL4J's mapping
     * @return what it returned
     * @throws Exception what it threw
     */
    public static <T> T during(ImportHints hints, Callable<T> work) throws Exception {
        ImportHints outer = CURRENT.get();
        CURRENT.set(hints);
        try {
            return work.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The table while the import's steps fill it. */
    public static final class Builder {
        private final int kerasMajorVersion;
        private boolean channelsFirstModel;
        private final Map<String, LayerHints> byLayer = new HashMap<>();

        private Builder(int kerasMajorVersion) {
            this.kerasMajorVersion = kerasMajorVersion;
        }

        /**
         * @param layerName a Keras layer's name
         * @param change what to add to its hints
         * @return this builder
         */
        public Builder update(String layerName, UnaryOperator<LayerHints> change) {
            byLayer.put(layerName, change.apply(byLayer.getOrDefault(layerName, LayerHints.NONE)));
            return this;
        }

        /**
         * @param layerName a name a layer's mapper is given instead of its Keras name (a packing vertex's)
         * @param kerasLayerName the Keras layer's name
         * @return this builder, in which the first has the hints of the second
         */
        public Builder sameAs(String layerName, String kerasLayerName) {
            LayerHints hints = byLayer.get(kerasLayerName);
            if (hints != null) {
                byLayer.put(layerName, hints);
            }
            return this;
        }

        /**
         * @param channelsFirst whether the model has {@code channels_first} layers
         * @return this builder
         */
        public Builder channelsFirstModel(boolean channelsFirst) {
            this.channelsFirstModel = channelsFirst;
            return this;
        }

        /** @return the table, fixed */
        public ImportHints build() {
            return new ImportHints(kerasMajorVersion, channelsFirstModel, byLayer);
        }
    }
}
