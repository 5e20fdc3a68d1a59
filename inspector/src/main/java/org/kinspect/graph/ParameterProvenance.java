package org.kinspect.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every parameter of an imported DL4J graph came from: a weight in the model file, or a
 * constant Keras itself computes with where the file has no weight (a BatchNormalization with
 * {@code center=False} has no beta and computes with 0). A graph imported from a file has no
 * parameter of any other origin: the import fails instead (never zeros, never random values).
 *
 * <pre>{@code
 * ParameterProvenance provenance = ModelInternals.imported(InspectedModel.open(path)).provenance();
 * provenance.of("dense_1").get("W");   // Source[origin=FILE, detail=layer 'dense_1': /model_weights/dense_1/dense_1/kernel:0, ...]
 * provenance.notFromFile();            // [] for every model read from a file
 * }</pre>
 */
public final class ParameterProvenance {

    /** Where a parameter's values came from. */
    public enum Origin {
        /** Copied (converted to DL4J's layout) from the weights in the model file. */
        FILE,
        /** A constant Keras computes with where the file has no weight; {@link Source#detail()} says which and why. */
        KERAS_CONSTANT,
        /**
         * Drawn from the layer's Keras initializers for a re-initialised (untrained) model,
         * {@code InspectedModel.reinitialized}; asked for, never a stand-in for a missing weight.
         */
        INITIALIZER,
        /** Zero: the model was described by its configuration alone, without weights. */
        CONFIGURATION_ONLY
    }

    /**
     * @param origin where the values came from
     * @param detail the Keras layer and the file's datasets, or the constant and why Keras uses it
     */
    public record Source(Origin origin, String detail) {}

    private final Map<String, Map<String, Source>> byVertex = new LinkedHashMap<>();

    ParameterProvenance() {}

    /**
     * A record read back, as a converted model keeps it.
     *
     * <pre>{@code
     * ParameterProvenance provenance = ParameterProvenance.of(Map.of("dense_1", Map.of("W", source)));
     * }</pre>
     *
     * @param byVertex every vertex with parameters, each parameter with its source
     * @return the record
     */
    public static ParameterProvenance of(Map<String, Map<String, Source>> byVertex) {
        ParameterProvenance provenance = new ParameterProvenance();
        byVertex.forEach((vertex, parameters) -> parameters.forEach((parameter, source) ->
                provenance.record(vertex, parameter, source)));
        return provenance;
    }

    void record(String vertex, String parameter, Source source) {
        byVertex.computeIfAbsent(vertex, unused -> new LinkedHashMap<>()).put(parameter, source);
    }

    boolean recorded(String vertex, String parameter) {
        return byVertex.containsKey(vertex) && byVertex.get(vertex).containsKey(parameter);
    }

    /** @return every vertex with parameters, each parameter (DL4J's key, e.g. {@code W}, {@code b}) with its source */
    public Map<String, Map<String, Source>> byVertex() {
        Map<String, Map<String, Source>> copy = new LinkedHashMap<>();
        byVertex.forEach((vertex, parameters) -> copy.put(vertex, Collections.unmodifiableMap(parameters)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * @param vertex a graph vertex (a Keras layer name)
     * @return its parameters' sources by DL4J parameter key; empty for a vertex without parameters
     */
    public Map<String, Source> of(String vertex) {
        return Collections.unmodifiableMap(byVertex.getOrDefault(vertex, Map.of()));
    }

    /** @return one line per parameter that came neither from the file nor from a Keras constant; empty after a file's import */
    public List<String> notFromFile() {
        List<String> lines = new ArrayList<>();
        byVertex.forEach((vertex, parameters) -> parameters.forEach((parameter, source) -> {
            if (source.origin() != Origin.FILE && source.origin() != Origin.KERAS_CONSTANT) {
                lines.add(vertex + " " + parameter + ": " + source.origin() + " (" + source.detail() + ")");
            }
        }));
        return lines;
    }
}
