package org.kinspect.catalog;

/** Who turns a Keras class into DL4J: the one place that says which code to read for a layer. */
public enum Handling {
    /** deeplearning4j-modelimport's own layer mapper, used as it is. */
    DL4J_MAPPER,
    /** kinspect's own mapper ({@code graph/layers/KinspectKerasLayers}): DL4J has none. */
    KINSPECT_MAPPER,
    /**
     * kinspect's own mapper in place of DL4J's, which computes the layer wrongly
     * ({@code graph/layers/OverriddenMappers} says why, class by class).
     */
    REPLACES_DL4J_MAPPER,
    /** Rewritten into other layers while the configuration is normalised ({@code config/}), before DL4J sees it. */
    CONFIGURATION_REWRITE,
    /** Not imported: refused, or not supported yet. */
    NOT_IMPORTED
}
