package org.kinspect.graph;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.config.KerasLayerConfiguration;
import org.deeplearning4j.nn.modelimport.keras.config.KerasLayerConfigurationFactory;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.catalog.KerasClass.Trait;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.config.ConfigValues;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.errors.KinspectException;
import org.kinspect.graph.layers.KinspectKerasLayers;

/**
 * Turns a failure inside DL4J's importer into one line that names the Keras layer and class it is
 * about. DL4J's messages name either the layer or the class, seldom both, and sometimes neither.
 */
final class Dl4jFailures {

    private Dl4jFailures() {}

    /**
     * @return an {@link KinspectException.Problem#UNSUPPORTED} problem when DL4J says the configuration is
     *     unsupported (anywhere in the chain of causes), else a {@link KinspectException.Problem#MODEL_FILE} one
     */
    static KinspectException explain(String source, ModelSpec spec, String what, Throwable failure) {
        boolean unsupported = false;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof UnsupportedKerasConfigurationException) {
                unsupported = true;
                break;
            }
        }
        failure = reasonOfRegisteredMapper(failure);
        String message = oneLine(failure);
        Optional<LayerSpec> layer = layerQuotedIn(spec, message)
                .or(() -> layerNamedIn(spec, message))
                .or(() -> layerOfClassNamedIn(spec, message))
                .or(() -> firstLayerDl4jCannotMap(spec))
                // Layers that hold TensorFlow graph nodes or Python code: DL4J fails on them late, without a name.
                .or(() -> spec.layers().stream().filter(found -> KerasClasses.has(found.className(), Trait.HOLDS_CODE))
                        .findFirst());
        String subject = layer.map(found -> "layer '" + found.name() + "' (" + found.className() + ")")
                .orElse("the model");
        String line = source + ": " + what + " " + subject + ": " + message;
        return unsupported ? KinspectException.unsupported(line, failure) : KinspectException.modelFile(line, failure);
    }

    /**
     * DL4J reports every failure of a registered mapper's constructor as "The keras custom class X
     * needs to have a constructor with only Map<String,Object> as the argument"; the reason is the
     * constructor's own exception, under the reflection's.
     */
    private static Throwable reasonOfRegisteredMapper(Throwable failure) {
        if (String.valueOf(failure.getMessage()).startsWith("The keras custom class ")
                && failure.getCause() instanceof InvocationTargetException invocation && invocation.getCause() != null) {
            return invocation.getCause();
        }
        return failure;
    }

    /**
     * Maps the layers one by one with DL4J's factory and kinspect's mappers, and types their outputs
     * in order, to find the first that fails: DL4J's messages about an input type it cannot take
     * ("Unknown input type") name no layer.
     */
    @SuppressWarnings("unchecked")
    private static Optional<LayerSpec> firstLayerDl4jCannotMap(ModelSpec spec) {
        try {
            KerasLayerConfiguration conf = KerasLayerConfigurationFactory.get(spec.kerasMajorVersion() == 1 ? 1 : 2);
            Map<String, Object> model = (Map<String, Object>) spec.functionalConfig().get("config");
            Map<String, KerasLayer> previous = new HashMap<>();
            Map<String, InputType> types = new HashMap<>();
            for (Object layerObject : (List<Object>) model.get("layers")) {
                // DL4J's mappers change what they are given (a TimeDistributed's inner config); the description is unmodifiable
                Map<String, Object> layer = ConfigValues.mutableCopy((Map<String, Object>) layerObject);
                layer.put("keras_version", spec.kerasMajorVersion() == 1 ? 1 : 2);
                String name = String.valueOf(((Map<String, Object>) layer.get("config")).get("name"));
                try {
                    KerasLayer mapped = KerasLayerUtils.getKerasLayerFromConfig(layer, false, conf,
                            KinspectKerasLayers.byClassName(), Map.of(), previous);
                    previous.put(name, mapped);
                    List<InputType> inputs = new ArrayList<>();
                    mapped.getInboundLayerNames().forEach(inbound -> inputs.add(types.get(inbound)));
                    if (!inputs.contains(null)) {
                        types.put(name, inputs.isEmpty() ? mapped.getOutputType()
                                : mapped.getOutputType(inputs.toArray(InputType[]::new)));
                    }
                } catch (Exception | LinkageError e) {
                    return spec.layer(name);
                }
            }
        } catch (Exception e) {
            // Finding the layer is a courtesy; the original message still stands.
        }
        return Optional.empty();
    }

    /** A message that quotes a layer's name ('gru_2') is about that layer, whatever other words it uses. */
    private static Optional<LayerSpec> layerQuotedIn(ModelSpec spec, String message) {
        return spec.layers().stream().filter(layer -> message.contains("'" + layer.name() + "'")).findFirst();
    }

    private static Optional<LayerSpec> layerNamedIn(ModelSpec spec, String message) {
        // The longest name first, so that "dense_1" is not taken for "dense_10".
        return spec.layers().stream()
                .sorted(Comparator.comparingInt((LayerSpec layer) -> layer.name().length()).reversed())
                .filter(layer -> containsWord(message, layer.name()))
                .findFirst();
    }

    private static Optional<LayerSpec> layerOfClassNamedIn(ModelSpec spec, String message) {
        return spec.layers().stream().filter(layer -> containsWord(message, layer.className())).findFirst();
    }

    private static boolean containsWord(String message, String word) {
        int at = message.indexOf(word);
        while (at >= 0) {
            int end = at + word.length();
            boolean startsWord = at == 0 || !isNamePart(message.charAt(at - 1));
            boolean endsWord = end == message.length() || !isNamePart(message.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
            at = message.indexOf(word, at + 1);
        }
        return false;
    }

    private static boolean isNamePart(char character) {
        return Character.isLetterOrDigit(character) || character == '_';
    }

    /** DL4J's pointers to its own issue tracker and manual, which do not help a kinspect user. */
    private static final Pattern DL4J_REFERRALS = Pattern.compile(
            "\\s*(Please file an issue at https://github\\.com/eclipse/deeplearning4j/issues\\.?"
                    + "|For more information, see https://deeplearning4j\\.konduit\\.ai/\\S*)");

    /** @return the failure's first line, without DL4J's pointers to its issue tracker and manual */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = message.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(message);
        return DL4J_REFERRALS.matcher(first).replaceAll("").strip();
    }
}
