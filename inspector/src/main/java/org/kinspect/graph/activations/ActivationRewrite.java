package org.kinspect.graph.activations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.kinspect.catalog.KerasClass.Trait;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.activations.IActivation;

/**
 * Gives layers the Keras activations DL4J's importer does not know ({@link KerasActivations}):
 * before DL4J reads the configuration their {@code activation} becomes {@code linear}, and once
 * DL4J has built the graph configuration the layer gets kinspect's function. This works for every
 * layer DL4J maps to a layer with an activation (Dense, Conv, Activation, also inside
 * TimeDistributed) without a mapper of our own for each. LeakyReLU's slope is given DL4J under
 * the name it reads; Softmax and PReLU go to kinspect's mappers ({@link SoftmaxMapper},
 * {@link PreluMapper}).
 *
 * <pre>{@code
 * ActivationRewrite.prepare(layers);            // the layer list DL4J will read
 * ... build the ComputationGraphConfiguration ...
 * ActivationRewrite.apply(configuration, layers, "model.keras");
 * }</pre>
 */
public final class ActivationRewrite {
    private ActivationRewrite() {}

    /**
     * @param layers the layer list DL4J will read, changed in place
     */
    @SuppressWarnings("unchecked")
    public static void prepare(List<Object> layers) {
        for (Object layer : layers) {
            config(layer).ifPresent(config -> config.put("activation", "linear"));
            if (!(layer instanceof Map<?, ?> map) || !(map.get("config") instanceof Map<?, ?> config)) {
                continue;
            }
            String className = String.valueOf(map.get("class_name"));
            if (className.equals("LeakyReLU")) {
                leakyReluSlope((Map<String, Object>) config);
            }
        }
    }

    /**
     * DL4J reads Keras 2's {@code alpha} and defaults to 0.01 without it; Keras 3 names the slope
     * {@code negative_slope}, and both Keras default to 0.3.
     */
    private static void leakyReluSlope(Map<String, Object> config) {
        Object slope = config.containsKey("negative_slope") ? config.get("negative_slope")
                : config.getOrDefault("alpha", 0.3);
        config.put("alpha", slope instanceof Number number ? number.doubleValue() : slope);
    }

    /**
     * @param configuration the graph configuration DL4J built from the prepared layers
     * @param originalLayers the layer list as it was before {@link #prepare}
     * @param source the model file, for messages
     * @throws KinspectException naming the layer when its DL4J layer has no activation to set
     */
    @SuppressWarnings("unchecked")
    public static void apply(ComputationGraphConfiguration configuration, List<Object> originalLayers, String source) {
        for (Object layer : originalLayers) {
            Optional<Map<String, Object>> config = config(layer);
            if (config.isEmpty()) {
                continue;
            }
            Map<String, Object> outer = (Map<String, Object>) ((Map<String, Object>) layer).get("config");
            String name = String.valueOf(outer.get("name"));
            String activationName = KerasActivations.replacedName(config.get().get("activation")).orElseThrow();
            IActivation activation = KerasActivations.replacement(activationName).orElseThrow();
            GraphVertex vertex = configuration.getVertices().get(name);
            if (!(vertex instanceof LayerVertex layerVertex) || !set(layerVertex.getLayerConf().getLayer(), activation)) {
                throw KinspectException.unsupported(source + ": layer '" + name + "' ("
                        + ((Map<String, Object>) layer).get("class_name") + "): activation '" + activationName
                        + "' is not supported in this layer");
            }
        }
    }

    private static boolean set(Layer layer, IActivation activation) {
        if (layer instanceof BaseWrapperLayer wrapper) {
            return set(wrapper.getUnderlying(), activation);
        }
        if (layer instanceof ActivationLayer activationLayer) {
            activationLayer.setActivationFn(activation);
            return true;
        }
        if (layer instanceof BaseLayer base) {
            base.setActivationFn(activation);
            return true;
        }
        return false;
    }

    /** The configuration holding a replaced activation: the layer's own, or the wrapped layer's. */
    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> config(Object layer) {
        if (!(layer instanceof Map<?, ?> map) || KerasClasses.has(String.valueOf(map.get("class_name")), Trait.READS_OWN_ACTIVATION)
                || !(map.get("config") instanceof Map<?, ?> config)) {
            return Optional.empty();
        }
        if (config.get("layer") instanceof Map<?, ?> wrapped) {
            return config((Object) wrapped);
        }
        return KerasActivations.replacedName(config.get("activation")).isPresent()
                ? Optional.of((Map<String, Object>) config) : Optional.empty();
    }
}
