package org.kinspect.graph;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * DL4J's Keras model built from a configuration alone: it gives us DL4J's layer mappers and graph
 * wiring, while the weights come from our own reader and no DL4J graph is initialised here.
 *
 * <p>DL4J's constructor takes the description as JSON text and parses it with a new parser each
 * time; {@link #of} hands it the description as that parse would give it ({@link ParsedJsonCopy})
 * and does what the constructor does after its parse, in its order, calling DL4J's own layer
 * preparation and output typing. When the copy cannot be made, or DL4J's methods are not where
 * this version of DL4J has them, the description goes as JSON through DL4J's constructor.
 *
 * <pre>{@code
 * ConfigOnlyKerasModel model = ConfigOnlyKerasModel.of(run.dl4jConfig);
 * model.getComputationGraphConfiguration();
 * }</pre>
 */
final class ConfigOnlyKerasModel extends KerasModel {
    /**
     * DL4J's {@code prepareLayers} and {@code inferOutputTypes}, package-private; null when not found.
     * Called by core reflection, not method handles: each is called once an import, and a method
     * handle's first call spins classes of its own, a cost in a fresh JVM.
     */
    private static final Method PREPARE_LAYERS = dl4jMethod("prepareLayers", List.class);
    private static final Method INFER_OUTPUT_TYPES = dl4jMethod("inferOutputTypes", int[].class);

    /**
     * @param description the description DL4J reads ({@code {"class_name", "config": {"layers"...}}});
     *     not changed, and not shared with the model made
     * @return DL4J's model of it, its layers mapped by DL4J's and kinspect's mappers
     * @throws Exception what DL4J's mapping threw
     */
    static ConfigOnlyKerasModel of(Map<String, Object> description) throws Exception {
        Optional<Map<String, Object>> parsed = PREPARE_LAYERS == null || INFER_OUTPUT_TYPES == null
                ? Optional.empty() : ParsedJsonCopy.of(description);
        if (parsed.isPresent()) {
            return new ConfigOnlyKerasModel(parsed.get());
        }
        return new ConfigOnlyKerasModel(JsonFallback.JSON.writeValueAsString(description));
    }

    /**
     * The description written as JSON for DL4J's own constructor: made only when that is needed, as
     * an import needs Jackson's data binding nowhere else (setting it up loads hundreds of classes).
     */
    private static final class JsonFallback {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    ConfigOnlyKerasModel(String functionalConfigJson)
            throws IOException, InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(functionalConfigJson, null, null, null, null, null, false, null, null);
    }

    /** What DL4J's constructor does after parsing its JSON, with no weights, no training configuration, no input shape. */
    @SuppressWarnings("unchecked")
    private ConfigOnlyKerasModel(Map<String, Object> modelConfig) throws Exception {
        super();
        this.kerasMajorVersion = KerasModelUtils.determineKerasMajorVersion(modelConfig, config);
        this.kerasBackend = KerasModelUtils.determineKerasBackend(modelConfig, config);
        this.enforceTrainingConfig = false;
        this.dimOrder = null;
        if (!modelConfig.containsKey(config.getFieldClassName())) {
            throw new InvalidKerasConfigurationException(
                    "Could not determine Keras model class (no " + config.getFieldClassName() + " field found)");
        }
        this.className = (String) modelConfig.get(config.getFieldClassName());
        if (!this.className.equals(config.getFieldClassNameModel())
                && !this.className.equals(config.getFieldNameClassFunctional())) {
            throw new InvalidKerasConfigurationException("Expected model class name " + config.getFieldClassNameModel()
                    + " or " + config.getFieldNameClassFunctional() + " (found " + this.className + ")");
        }
        if (!modelConfig.containsKey(config.getModelFieldConfig())) {
            throw new InvalidKerasConfigurationException("Could not find model configuration details (no "
                    + config.getModelFieldConfig() + " in model config)");
        }
        Map<String, Object> modelConfigMap = (Map<String, Object>) modelConfig.get(config.getModelFieldConfig());
        this.inputLayerNames = layerNames(modelConfigMap, config.getModelFieldInputLayers(), "input");
        this.outputLayerNames = layerNames(modelConfigMap, config.getModelFieldOutputLayers(), "output");
        if (!modelConfigMap.containsKey(config.getModelFieldLayers())) {
            throw new InvalidKerasConfigurationException("Could not find layer configurations (no "
                    + config.getModelFieldLayers() + " field found)");
        }
        Pair<Map<String, KerasLayer>, List<KerasLayer>> layerPair = (Pair<Map<String, KerasLayer>, List<KerasLayer>>)
                invoke(PREPARE_LAYERS, (List<Object>) modelConfigMap.get(config.getModelFieldLayers()));
        this.layers = layerPair.getFirst();
        this.layersOrdered = layerPair.getSecond();
        // DL4J's constructor hands on the first layer's own shape array; inferOutputTypes only copies
        // the reference into input layers that have none, so a copy of it is the same to the graph.
        this.outputTypes = (Map<String, org.deeplearning4j.nn.conf.inputs.InputType>)
                invoke(INFER_OUTPUT_TYPES, this.layersOrdered.get(0).getInputShape());
    }

    @SuppressWarnings("unchecked")
    private static ArrayList<String> layerNames(Map<String, Object> modelConfigMap, String field, String which)
            throws InvalidKerasConfigurationException {
        if (!modelConfigMap.containsKey(field)) {
            throw new InvalidKerasConfigurationException(
                    "Could not find list of " + which + " layers (no " + field + " field found)");
        }
        ArrayList<String> names = new ArrayList<>();
        for (Object layer : (List<Object>) modelConfigMap.get(field)) {
            names.add((String) ((List<Object>) layer).get(0));
        }
        return names;
    }

    private Object invoke(Method method, Object argument) throws Exception {
        try {
            return method.invoke(this, argument);
        } catch (InvocationTargetException e) { // what DL4J's method threw, as it threw it
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Method dl4jMethod(String name, Class<?> parameter) {
        try {
            Method method = KerasModel.class.getDeclaredMethod(name, parameter);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
