package org.kinspect.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.kinspect.errors.KinspectException;
import org.kinspect.file.KerasFormat;
import org.kinspect.safety.UntrustedJson;

/**
 * Reads a Keras model configuration (JSON) as Keras 1, 2 or 3 wrote it, Sequential or functional,
 * and describes it in one form: a {@link ModelSpec} whose layers are in Keras 2 functional form.
 *
 * <pre>{@code
 * ModelSpec spec = ConfigNormalizer.normalize(stored.modelConfigJson(), "2.2.4", "tensorflow", "model.h5");
 * spec.layerNames(); // [lstm_1_input, lstm_1, dense_1]
 * }</pre>
 */
public final class ConfigNormalizer {
    private ConfigNormalizer() {}

    /**
     * @param modelConfigJson the configuration as Keras wrote it
     * @param kerasVersion the Keras version that wrote it, or null when the file does not say
     * @param backend the backend, or null
     * @param source where the configuration came from, for messages
     * @return the model described in Keras 2 functional form
     * @throws KinspectException when the configuration is not JSON or not a Keras model
     */
    public static ModelSpec normalize(String modelConfigJson, String kerasVersion, String backend, String source) {
        return normalize(modelConfigJson, kerasVersion, backend, null, source);
    }

    /**
     * As {@link #normalize(String, String, String, String)}, for a configuration read from a file of
     * a known format: a SavedModel's metadata counts nested model calls its own way.
     *
     * <pre>{@code
     * StoredModel stored = KerasFile.open(Path.of("my_model"));
     * ModelSpec spec = ConfigNormalizer.normalize(stored.modelConfigJson(), stored.kerasVersion(),
     *         stored.backend(), stored.format(), "my_model");
     * }</pre>
     *
     * @param modelConfigJson the configuration as the file holds it
     * @param kerasVersion the Keras version that wrote it, or null when the file does not say
     * @param backend the backend, or null
     * @param format how the file stored it, or null when it is not known
     * @param source where the configuration came from, for messages
     * @return the model described in Keras 2 functional form
     * @throws KinspectException when the configuration is not JSON or not a Keras model
     */
    public static ModelSpec normalize(String modelConfigJson, String kerasVersion, String backend, KerasFormat format,
            String source) {
        return normalize(parse(modelConfigJson, source), modelConfigJson, kerasVersion, backend, format, source);
    }

    /**
     * As {@link #normalize(String, String, String, KerasFormat, String)}, for a configuration already
     * parsed ({@link #parse}), which it rewrites in place: an import parses the file's configuration
     * once, for this and for naming the weights (a copy).
     *
     * <pre>{@code
     * Map<String, Object> parsed = ConfigNormalizer.parse(stored.modelConfigJson(), "model.h5");
     * Map<String, Object> forNaming = ConfigValues.mutableCopy(parsed); // before normalising rewrites it
     * ModelSpec spec = ConfigNormalizer.normalize(parsed, stored.modelConfigJson(), stored.kerasVersion(),
     *         stored.backend(), stored.format(), "model.h5");
     * }</pre>
     *
     * @param model the configuration as {@link #parse} gives it; rewritten in place
     * @param modelConfigJson the same configuration as the file holds it
     * @param kerasVersion the Keras version that wrote it, or null when the file does not say
     * @param backend the backend, or null
     * @param format how the file stored it, or null when it is not known
     * @param source where the configuration came from, for messages
     * @return the model described in Keras 2 functional form
     * @throws KinspectException when the configuration is not a Keras model
     */
    public static ModelSpec normalize(Map<String, Object> model, String modelConfigJson, String kerasVersion,
            String backend, KerasFormat format, String source) {
        int major = majorVersion(kerasVersion, modelConfigJson);
        if (format == KerasFormat.SAVED_MODEL) {
            NestedModelCalls.renumber(model);
        }
        // tf.keras 2.13-2.15 .keras files mix Keras 3 objects into Keras 2 configurations.
        if (major >= 3 || Keras3Config.hasKeras3Objects(model)) {
            model = Keras3Config.toKeras2(model, source);
        }
        // tf.keras attention calls (value, key, masks in the call's kwargs); Keras 3's were read above
        Keras2AttentionCalls.rewrite(model, source);
        RecurrentCellLayers.rewrite(model, source);
        UnrollFlags.clear(model);
        String className = String.valueOf(model.get("class_name"));
        Map<String, Object> functional = switch (className) {
            case "Sequential" -> SequentialConfig.toFunctional(model.get("config"), major, source);
            case "Model", "Functional" -> asMap(model.get("config"), source, "config");
            default -> throw KinspectException.modelFile(source + (model.get("class_name") == null
                    ? ": the configuration names no model class (no \"class_name\"); give the JSON of a Keras model "
                            + "(model.to_json(): Sequential, Model or Functional)"
                    : ": the configuration describes a '" + className
                            + "', not a Keras model (Sequential, Model or Functional)"));
        };
        SharedLayers.expand(functional, source);
        NestedModels.inline(functional, major, source);
        EmbeddingLengths.fill(functional);
        TensorFlowOperations.rewrite(functional, source);
        MergeLayerOperations.rewrite(functional, source);
        PermuteOperations.rewrite(functional, source);
        KeptDimensionPooling.rewrite(functional, source);
        DiscretizationLayers.rewrite(functional, source);
        return describe(functional, className, major, backend, source, name -> LayerNotes.NONE);
    }

    /**
     * @param functional a configuration in Keras 2 functional form ({@code layers},
     *     {@code input_layers}, {@code output_layers})
     * @param className the model class Keras wrote
     * @param major the major version of the Keras that wrote it
     * @param backend the backend that wrote it, or null
     * @param source where it came from, for messages
     * @param notesOf the notes of a layer whose configuration holds none (a derived model's layers
     *     keep those of the model they come from)
     * @return the model it describes
     */
    static ModelSpec describe(Map<String, Object> functional, String className, int major, String backend,
            String source, Function<String, LayerNotes> notesOf) {
        List<LayerSpec> layers = new ArrayList<>();
        for (Object layerObject : asList(functional.get("layers"), source, "layers")) {
            Map<String, Object> layer = asMap(layerObject, source, "layer");
            Map<String, Object> layerConfig = asMap(layer.get("config"), source, "layer config");
            String name = String.valueOf(layer.containsKey("name") ? layer.get("name") : layerConfig.get("name"));
            // what the passes noted of the layer leaves its configuration, which DL4J reads too
            LayerNotes noted = LayerNotes.takeFrom(layerConfig);
            LayerNotes notes = noted.equals(LayerNotes.NONE) ? notesOf.apply(name) : noted;
            // The identity layer that stands for an inlined nested model keeps the model's class.
            String layerClass = notes.nestedModelClass() != null ? notes.nestedModelClass()
                    : String.valueOf(layer.get("class_name"));
            layers.add(new LayerSpec(name, layerClass, layerConfig,
                    InboundNodes.tensors(layer.get("inbound_nodes")), notes));
        }
        Map<String, Object> dl4jConfig = new LinkedHashMap<>();
        dl4jConfig.put("class_name", "Model");
        dl4jConfig.put("config", functional);
        // DL4J's mappers read the Keras major version and backend from the top of the config.
        dl4jConfig.put("keras_version", major == 1 ? "1.2.2" : "2.2.4");
        // Keras 3 keeps every backend's weights in TensorFlow's layout (channels last, kernels not
        // flipped), which DL4J's mappers know as the "tensorflow" backend.
        String dl4jBackend = major >= 3 ? "tensorflow" : backend;
        if (dl4jBackend != null) {
            dl4jConfig.put("backend", dl4jBackend);
        }
        return new ModelSpec(String.valueOf(functional.getOrDefault("name", "model")), className, major, backend,
                layers, endpointNames(functional.get("input_layers"), source),
                endpointNames(functional.get("output_layers"), source), dl4jConfig);
    }

    /**
     * @param modelConfigJson a configuration
     * @param source where it came from, for messages
     * @return the configuration as nested maps and lists
     * @throws KinspectException when it is not a JSON object
     */
    public static Map<String, Object> parse(String modelConfigJson, String source) {
        return UntrustedJson.object(modelConfigJson, source);
    }

    static int majorVersion(String kerasVersion, String modelConfigJson) {
        if (kerasVersion != null && !kerasVersion.isEmpty() && Character.isDigit(kerasVersion.charAt(0))) {
            return Character.getNumericValue(kerasVersion.charAt(0));
        }
        // Files that do not say: tell by what only one version writes.
        if (modelConfigJson.contains("\"registered_name\"") || modelConfigJson.contains("\"module\": \"keras")) {
            return 3;
        }
        if (modelConfigJson.contains("\"output_dim\"") || modelConfigJson.contains("\"init\"")) {
            return 1;
        }
        return 2;
    }

    static List<String> endpointNames(Object endpoints, String source) {
        List<String> names = new ArrayList<>();
        if (endpoints == null) {
            return names;
        }
        List<Object> list = asList(endpoints, source, "input_layers/output_layers");
        // A single endpoint may be written flat: ["name", 0, 0].
        if (!list.isEmpty() && list.get(0) instanceof String name) {
            names.add(name);
            return names;
        }
        for (Object endpoint : list) {
            names.add(String.valueOf(asList(endpoint, source, "endpoint").get(0)));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String source, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw KinspectException.modelFile(source + ": the model configuration is not a Keras model (" + what
                + " is " + describe(value) + ")");
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value, String source, String what) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw KinspectException.modelFile(source + ": the model configuration is not a Keras model (" + what
                + " is " + describe(value) + ")");
    }

    private static String describe(Object value) {
        return value == null ? "missing" : "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
