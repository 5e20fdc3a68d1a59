package org.kinspect.graph.recurrent;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.recurrent.KerasLSTM;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.kinspect.graph.base.ExtraStoredWeights;
import org.kinspect.graph.base.InvalidLayerConfiguration;
import org.kinspect.graph.base.UnsupportedLayerOption;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps Keras 2's {@code CuDNNLSTM} to DL4J's LSTM through DL4J's own {@link KerasLSTM}: the
 * configuration gets the activations CuDNN always uses (tanh, sigmoid gates), and the weights are
 * converted from CuDNN's layout as Keras converts them (the two bias vectors are summed).
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("CuDNNLSTM", CudnnLstmMapper.class);
 * }</pre>
 */
public class CudnnLstmMapper extends KerasLSTM implements ExtraStoredWeights {
    private final long units;

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is malformed
     * @throws UnsupportedKerasConfigurationException for options kinspect cannot compute
     */
    public CudnnLstmMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(asLstm(layerConfig), false);
        this.units = KerasLayerUtils.getNOutFromConfig(layerConfig, conf);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asLstm(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        Map<String, Object> lstm = new HashMap<>(layerConfig);
        if (!(layerConfig.get("config") instanceof Map<?, ?> original)) {
            throw new InvalidLayerConfiguration("a CuDNNLSTM layer without a config");
        }
        Map<String, Object> config = new HashMap<>((Map<String, Object>) original);
        String name = String.valueOf(config.get("name"));
        // DL4J's LSTM has neither: it would silently run forwards, or drop the states.
        if (GruMapper.flag(config, "go_backwards", false)) {
            throw new UnsupportedLayerOption("go_backwards=True of CuDNNLSTM '" + name + "' is not supported");
        }
        if (GruMapper.flag(config, "return_state", false)) {
            throw new UnsupportedLayerOption("return_state=True (several outputs) of CuDNNLSTM '" + name
                    + "' is not supported");
        }
        config.put("activation", "tanh");
        config.put("recurrent_activation", "sigmoid");
        config.put("use_bias", true);
        config.putIfAbsent("unroll", false);
        config.putIfAbsent("unit_forget_bias", true);
        lstm.put("config", config);
        return lstm;
    }

    /** @return the recurrent half of CuDNN's bias, which the LSTM adds to the input half */
    @Override
    public long extraStoredValues() {
        return 4 * units;
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) throws InvalidKerasConfigurationException {
        String kernelName = conf.getKERAS_PARAM_NAME_W();
        String recurrentName = conf.getKERAS_PARAM_NAME_RW();
        String biasName = conf.getKERAS_PARAM_NAME_B();
        for (String name : new String[] {kernelName, recurrentName, biasName}) {
            if (!weights.containsKey(name)) {
                throw new InvalidLayerConfiguration("CuDNNLSTM '" + layerName + "' has no weight '" + name + "' (it has "
                        + weights.keySet() + ")");
            }
        }
        Map<String, INDArray> converted = new HashMap<>();
        converted.put(kernelName, CudnnWeights.inputKernel(weights.get(kernelName), 4));
        converted.put(recurrentName, CudnnWeights.recurrentKernel(weights.get(recurrentName), 4));
        converted.put(biasName, CudnnWeights.summedLstmBias(weights.get(biasName)));
        super.setWeights(converted);
    }
}
