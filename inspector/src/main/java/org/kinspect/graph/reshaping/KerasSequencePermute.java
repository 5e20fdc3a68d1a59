package org.kinspect.graph.reshaping;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.core.KerasPermute;
import org.deeplearning4j.preprocessors.PermutePreprocessor;
import org.kinspect.graph.layers.KinspectKerasLayers;

/**
 * Maps Keras's {@code Permute}. DL4J's {@code Permute((2, 1))} on a sequence swaps the array's two
 * last axes, so the result keeps its input's memory layout (a (batch, time, features) array stays
 * time-major), but DL4J's mapper describes it in the other layout; a layer after it that reads the
 * layout (a Dense on every step) then read the wrong axis. Here the permuted sequence is described
 * in its input's layout ({@link SequencePermutePreprocessor}); everything else is DL4J's mapper.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("kinspect.Permute", KerasSequencePermute.class);
 * }</pre>
 */
public class KerasSequencePermute extends KerasPermute {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for permutations DL4J does not support
     */
    public KerasSequencePermute(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(KinspectKerasLayers.underKerasName(layerConfig), false);
    }

    @Override
    public InputPreProcessor getInputPreprocessor(InputType... inputType) throws InvalidKerasConfigurationException {
        InputPreProcessor preprocessor = super.getInputPreprocessor(inputType);
        if (inputType.length == 1 && inputType[0] instanceof InputType.InputTypeRecurrent
                && preprocessor instanceof PermutePreprocessor permute) {
            SequencePermutePreprocessor described = new SequencePermutePreprocessor(permute.getPermutationIndices());
            described.setHasLeadingDimension(permute.isHasLeadingDimension());
            return described;
        }
        return preprocessor;
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws InvalidKerasConfigurationException {
        if (inputType.length == 1 && inputType[0] instanceof InputType.InputTypeRecurrent) {
            return getInputPreprocessor(inputType).getOutputType(inputType[0]);
        }
        return super.getOutputType(inputType);
    }
}
