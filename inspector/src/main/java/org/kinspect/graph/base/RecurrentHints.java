package org.kinspect.graph.base;

import java.util.Map;

/**
 * The keys of what {@code graph.layers.RecurrentLayerHints} writes into a recurrent layer's
 * configuration before DL4J reads it, and the mappers of recurrent layers read back (kinspect's GRU,
 * ConvLSTM2D): what one layer's configuration does not say on its own. Here, below both, so that the
 * mappers need not import the package that registers them.
 *
 * <pre>{@code
 * Object origin = config.get(RecurrentHints.MASK_ORIGIN); // null: the layer reads every step
 * int keras = RecurrentHints.kerasMajorVersion(config, kerasMajorVersion);
 * }</pre>
 */
public final class RecurrentHints {
    /** The layer whose output the recurrent layer's mask comes from (an Embedding, a Masking, an input). */
    public static final String MASK_ORIGIN = "kinspect_mask_origin";
    /** The major version of the Keras that wrote the file (masked steps differ between 2 and 3). */
    public static final String KERAS_MAJOR_VERSION = "kinspect_keras_major_version";
    /** The layer through which the mask cannot be followed, for the refusal's message. */
    public static final String MASK_THROUGH = "kinspect_mask_through";
    /** Set on a GRU inside a TimeDistributed, which DL4J unwraps. */
    public static final String TIME_DISTRIBUTED = "kinspect_time_distributed";

    private RecurrentHints() {}

    /**
     * @param config a recurrent layer's configuration
     * @param dl4jVersion the Keras version DL4J was told
     * @return the Keras that wrote the file
     */
    public static int kerasMajorVersion(Map<String, Object> config, int dl4jVersion) {
        return config.get(KERAS_MAJOR_VERSION) instanceof Number version ? version.intValue() : dl4jVersion;
    }
}
