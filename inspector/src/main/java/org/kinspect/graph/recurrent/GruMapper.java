package org.kinspect.graph.recurrent;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasInitilizationUtils;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasLayerUtils;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.kinspect.graph.base.InvalidLayerConfiguration;
import org.kinspect.graph.base.ImportHints;
import org.kinspect.graph.base.LayerHints;
import org.kinspect.graph.base.UnsupportedLayerOption;
import org.kinspect.graph.masking.InputMask;
import org.kinspect.graph.masking.MaskedSteps;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps a Keras {@code GRU} (Keras 1, 2, tf.keras, Keras 3) to a {@link GruLayer}, wrapped in a
 * {@code LastTimeStep} unless the layer returns sequences, and converts its weights.
 * {@link org.kinspect.graph.recurrent.CudnnGruMapper} does the same for {@code CuDNNGRU}.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("GRU", GruMapper.class); // DL4J's importer then maps GRU layers
 * }</pre>
 */
public class GruMapper extends KerasLayer {
    private final GruLayer gru;
    private final boolean cudnnWeights;

    /**
     * The constructor DL4J's importer calls for a registered layer.
     *
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is malformed
     * @throws UnsupportedKerasConfigurationException for options kinspect cannot compute
     */
    public GruMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        this(layerConfig, false, false);
    }

    /**
     * @param cudnn true for a CuDNNGRU: tanh, sigmoid gates, reset_after, CuDNN's weight layout
     * @param insideBidirectional true for the layer a Bidirectional wraps, whose masked steps output
     *     zeros when it returns sequences (Keras's Bidirectional forces {@code zero_output_for_mask})
     */
    public GruMapper(Map<String, Object> layerConfig, boolean cudnn, boolean insideBidirectional)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        this(layerConfig, cudnn, insideBidirectional, null);
    }

    /**
     * @param cudnn true for a CuDNNGRU: tanh, sigmoid gates, reset_after, CuDNN's weight layout
     * @param insideBidirectional true for the layer a Bidirectional wraps
     * @param hints what the import found about the layer, when it is mapped under another name than
     *     the Keras layer's (a Bidirectional's {@code forward_gru}); null: the import's hints of its own name
     */
    public GruMapper(Map<String, Object> layerConfig, boolean cudnn, boolean insideBidirectional, LayerHints hints)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(layerConfig, false);
        this.cudnnWeights = cudnn;
        Map<String, Object> config = KerasLayerUtils.getInnerLayerConfigFromConfig(layerConfig, conf);
        LayerHints found = hints != null ? hints : ImportHints.current().of(layerName);
        rejectUnsupported(config, found);
        boolean returnSequences = flag(config, conf.getLAYER_FIELD_RETURN_SEQUENCES(), false);
        int kerasVersion = ImportHints.current().kerasMajorVersion(kerasMajorVersion);
        String maskOrigin = found.maskOrigin();
        GruLayer.Builder builder = new GruLayer.Builder()
                .name(layerName)
                .nOut(KerasLayerUtils.getNOutFromConfig(layerConfig, conf))
                .activation(cudnn ? new ActivationTanH()
                        : RnnActivations.of(config.get(conf.getLAYER_FIELD_ACTIVATION()), kerasVersion, conf, layerName))
                .gateActivation(cudnn ? new ActivationSigmoid()
                        : RnnActivations.of(config.get(conf.getLAYER_FIELD_INNER_ACTIVATION()), kerasVersion, conf,
                                layerName))
                .resetAfter(cudnn || flag(config, "reset_after", false))
                .hasBias(cudnn || KerasLayerUtils.getHasBiasFromConfig(layerConfig, conf))
                .goBackwards(flag(config, "go_backwards", false))
                .maskOrigin(maskOrigin)
                .zeroOutputForMask(MaskedSteps.zeroOutputForMask(config, insideBidirectional, kerasVersion))
                .weightInit(initializer(layerConfig, conf.getLAYER_FIELD_INIT()))
                .weightInitRecurrent(initializer(layerConfig, conf.getLAYER_FIELD_INNER_INIT()));
        Integer inputs = KerasLayerUtils.getNInFromInputDim(layerConfig, conf);
        if (inputs != null) {
            builder.nIn(inputs);
        }
        this.gru = builder.build();
        this.layer = returnSequences ? gru : new LastTimeStep(gru);
    }

    /**
     * The initializer only matters to a graph initialised at random, never to an imported one: one
     * DL4J cannot read (a custom class, a plain string) must not stop the import.
     */
    private IWeightInit initializer(Map<String, Object> layerConfig, String field) {
        try {
            return KerasInitilizationUtils.getWeightInitFromConfig(layerConfig, field, false, conf, kerasMajorVersion);
        } catch (Exception | LinkageError e) {
            return new WeightInitXavier();
        }
    }

    private void rejectUnsupported(Map<String, Object> config, LayerHints hints)
            throws UnsupportedKerasConfigurationException {
        if (hints.maskThrough() != null) {
            // The other layer is named by its class: a second layer name would make the message ambiguous.
            throw new UnsupportedLayerOption(new InputMask(null, hints.maskThrough()).refusal(layerName));
        }
        if (hints.insideTimeDistributed()) {
            throw new UnsupportedLayerOption("a GRU inside TimeDistributed ('" + layerName + "') is not supported");
        }
        if (flag(config, "return_state", false)) {
            throw new UnsupportedLayerOption("return_state=True (several outputs) of GRU '" + layerName
                    + "' is not supported here");
        }
        if (flag(config, "time_major", false)) {
            throw new UnsupportedLayerOption("time_major=True of GRU '" + layerName + "' is not supported");
        }
    }

    /**
     * @param config a layer's configuration
     * @param field a boolean field
     * @param absent its value when the configuration leaves it out
     * @return the field's value
     */
    public static boolean flag(Map<String, Object> config, String field, boolean absent) {
        Object value = config.get(field);
        return value == null ? absent : Boolean.TRUE.equals(value);
    }

    /** @return the DL4J layer itself, without the LastTimeStep wrapper */
    public GruLayer getGruLayer() {
        return gru;
    }

    @Override
    public InputType getOutputType(InputType... inputTypes) throws InvalidKerasConfigurationException {
        if (inputTypes.length > 1) {
            throw new InvalidLayerConfiguration("GRU '" + layerName + "' with initial states (" + inputTypes.length
                    + " inputs) is not supported here");
        }
        InputPreProcessor preProcessor = getInputPreprocessor(inputTypes);
        InputType input = preProcessor == null ? inputTypes[0] : preProcessor.getOutputType(inputTypes[0]);
        return layer.getOutputType(-1, input);
    }

    @Override
    public InputPreProcessor getInputPreprocessor(InputType... inputTypes) throws InvalidKerasConfigurationException {
        if (inputTypes.length > 1) {
            throw new InvalidLayerConfiguration("GRU '" + layerName + "' with initial states (" + inputTypes.length
                    + " inputs) is not supported here");
        }
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputTypes[0], RNNFormat.NWC, layerName);
    }

    @Override
    public int getNumParams() {
        return gru.isHasBias() ? 3 : 2;
    }

    @Override
    public void setWeights(Map<String, INDArray> weights) throws InvalidKerasConfigurationException {
        this.weights = GruWeights.toParams(weights, gru, cudnnWeights, conf);
    }
}
