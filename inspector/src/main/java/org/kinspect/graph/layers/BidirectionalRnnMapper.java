package org.kinspect.graph.layers;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.catalog.Handling;
import org.kinspect.catalog.KerasClasses;
import org.kinspect.graph.base.ExtraStoredWeights;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.base.InvalidLayerConfiguration;
import org.kinspect.graph.base.UnsupportedLayerOption;
import org.kinspect.graph.recurrent.CudnnLstmMapper;
import org.kinspect.graph.recurrent.GruMapper;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps a Keras {@code Bidirectional} around a layer DL4J's own {@code KerasBidirectional} does not
 * take (GRU, CuDNNGRU, CuDNNLSTM) to DL4J's {@link Bidirectional}, with every merge mode but None.
 *
 * <p>DL4J feeds its backward copy the reversed sequence and reverses that copy's output again, as
 * Keras does with its backward layer; so the DL4J backward layer runs forwards exactly when Keras's
 * backward layer has {@code go_backwards=True} (always, unless a custom {@code backward_layer} says
 * otherwise). DL4J's importer maps {@code Bidirectional} itself before it looks at registered
 * layers, so {@link RecurrentLayerHints} renames these wrappers to {@value #CLASS_NAME} first.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer(BidirectionalRnnMapper.CLASS_NAME, BidirectionalRnnMapper.class);
 * }</pre>
 */
public class BidirectionalRnnMapper extends KerasLayer implements ExtraStoredWeights {
    /** The class name the configuration gives these wrappers for DL4J's importer. */
    public static final String CLASS_NAME = "kinspect.Bidirectional";

    private final KerasLayer forward;

    /**
     * @param config a Bidirectional's configuration
     * @return whether it wraps a layer this class takes over from DL4J's KerasBidirectional
     */
    static boolean wrapsOneOf(Map<?, ?> config) {
        return config.get("layer") instanceof Map<?, ?> wrapped && takesOver(String.valueOf(wrapped.get("class_name")));
    }

    /**
     * @param className a wrapped layer's class
     * @return true for the recurrent layers kinspect's own mappers build (GRU, CuDNNGRU, CuDNNLSTM),
     *     which DL4J's KerasBidirectional cannot wrap
     */
    static boolean takesOver(String className) {
        return KerasClasses.find(className)
                .filter(found -> found.recurrence().isVectorLayer() && found.handling() != Handling.DL4J_MAPPER)
                .isPresent();
    }
    private final KerasLayer backward;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is malformed
     * @throws UnsupportedKerasConfigurationException for a merge mode or wrapped layer not supported
     */
    public BidirectionalRnnMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        Map<String, Object> config = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        Bidirectional.Mode mode = mergeMode(config.get("merge_mode"));
        Map<String, Object> forwardConfig = wrapped(config.get("layer"), "layer");
        this.forward = map(forwardConfig);
        if (config.get("backward_layer") != null) {
            this.backward = map(runningForwardsWhenKerasRunsBackwards(wrapped(config.get("backward_layer"),
                    "backward_layer")));
        } else {
            this.backward = map(forwardConfig);
        }
        Bidirectional bidirectional = new Bidirectional(mode, forward.getLayer());
        bidirectional.setBwd(backward.getLayer());
        bidirectional.setLayerName(layerName);
        this.layer = bidirectional;
    }

    private Bidirectional.Mode mergeMode(Object mergeMode) throws UnsupportedKerasConfigurationException {
        if (mergeMode == null) {
            throw new UnsupportedLayerOption("merge_mode=None (two outputs) of Bidirectional '" + layerName
                    + "' is not supported");
        }
        return switch (mergeMode.toString()) {
            case "sum" -> Bidirectional.Mode.ADD;
            case "mul" -> Bidirectional.Mode.MUL;
            case "ave" -> Bidirectional.Mode.AVERAGE;
            case "concat" -> Bidirectional.Mode.CONCAT;
            default -> throw new UnsupportedLayerOption("merge_mode '" + mergeMode + "' of Bidirectional '"
                    + layerName + "' is not supported");
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> wrapped(Object layerObject, String field) throws InvalidKerasConfigurationException {
        if (!(layerObject instanceof Map<?, ?> layer) || !(layer.get("config") instanceof Map<?, ?>)) {
            throw new InvalidLayerConfiguration("Bidirectional '" + layerName + "' has no '" + field
                    + "' configuration");
        }
        Map<String, Object> copy = new HashMap<>((Map<String, Object>) layer);
        copy.put("config", new HashMap<>((Map<String, Object>) layer.get("config")));
        copy.put(conf.getLAYER_FIELD_KERAS_VERSION(), kerasMajorVersion);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runningForwardsWhenKerasRunsBackwards(Map<String, Object> backwardLayer) {
        Map<String, Object> config = (Map<String, Object>) backwardLayer.get("config");
        config.put("go_backwards", !GruMapper.flag(config, "go_backwards", false));
        return backwardLayer;
    }

    private KerasLayer map(Map<String, Object> wrapped)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        String className = String.valueOf(wrapped.get("class_name"));
        return switch (className) {
            // the wrapped GRU has a name of its own (forward_gru); the import's hints are the Bidirectional's
            case "GRU" -> new GruMapper(wrapped, false, true, ImportHints.current().of(layerName));
            case "CuDNNGRU" -> new GruMapper(wrapped, true, true, ImportHints.current().of(layerName));
            case "CuDNNLSTM" -> new CudnnLstmMapper(wrapped);
            default -> throw new UnsupportedLayerOption("Bidirectional '" + layerName + "' of a " + className
                    + " is not supported");
        };
    }

    @Override
    public InputType getOutputType(InputType... inputTypes) throws InvalidKerasConfigurationException {
        InputPreProcessor preProcessor = getInputPreprocessor(inputTypes);
        InputType input = preProcessor == null ? inputTypes[0] : preProcessor.getOutputType(inputTypes[0]);
        return layer.getOutputType(-1, input);
    }

    @Override
    public InputPreProcessor getInputPreprocessor(InputType... inputTypes) throws InvalidKerasConfigurationException {
        if (inputTypes.length > 1) {
            throw new InvalidLayerConfiguration("Bidirectional '" + layerName + "' with " + inputTypes.length
                    + " inputs (initial states) is not supported");
        }
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputTypes[0],
                ((Bidirectional) layer).getRNNDataFormat(), layerName);
    }

    @Override
    public long extraStoredValues() {
        return extra(forward) + extra(backward);
    }

    private static long extra(KerasLayer direction) {
        return direction instanceof ExtraStoredWeights extra ? extra.extraStoredValues() : 0;
    }

    @Override
    public int getNumParams() {
        return forward.getNumParams() + backward.getNumParams();
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) throws InvalidKerasConfigurationException {
        this.weights = new HashMap<>();
        forward.setWeights(half(weights, "forward_"));
        forward.getWeights().forEach((name, value) -> this.weights.put("f" + name, value));
        backward.setWeights(half(weights, "backward_"));
        backward.getWeights().forEach((name, value) -> this.weights.put("b" + name, value));
    }

    private Map<String, INDArray> half(Map<String, INDArray> weights, String prefix)
            throws InvalidKerasConfigurationException {
        Map<String, INDArray> half = new HashMap<>();
        weights.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                half.put(name.substring(prefix.length()), value);
            }
        });
        if (half.isEmpty()) {
            throw new InvalidLayerConfiguration("Bidirectional '" + layerName + "' has no " + prefix
                    + " weights among " + weights.keySet());
        }
        return half;
    }
}
