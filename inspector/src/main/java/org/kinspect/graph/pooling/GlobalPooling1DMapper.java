package org.kinspect.graph.pooling;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.pooling.KerasGlobalPooling;
import org.kinspect.graph.base.ReplacedClassNames;

/**
 * Maps Keras's {@code GlobalAveragePooling1D} and {@code GlobalMaxPooling1D}. DL4J's layer pools
 * the steps away, one vector an example, but declares a sequence as its output type; the layers
 * after it were then typed as working on sequences (a Dense after it became a Dense on every step
 * of a sequence that is not there). This mapper declares the vectors it gives.
 *
 * <pre>{@code
 * KerasLayer.registerCustomLayer("kinspect.GlobalAveragePooling1D", GlobalPooling1DMapper.class);
 * }</pre>
 */
public class GlobalPooling1DMapper extends KerasGlobalPooling {

    /**
     * @param layerConfig the Keras layer ({@code class_name}, {@code config}, {@code keras_version})
     * @throws InvalidKerasConfigurationException when the configuration is not a layer's
     * @throws UnsupportedKerasConfigurationException for settings DL4J's pooling lacks
     */
    public GlobalPooling1DMapper(Map<String, Object> layerConfig)
            throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(ReplacedClassNames.underKerasName(layerConfig), false);
    }

    @Override
    public InputType getOutputType(InputType... inputType) throws InvalidKerasConfigurationException {
        InputType declared = super.getOutputType(inputType);
        boolean collapsed = getGlobalPoolingLayer().isCollapseDimensions();
        return declared instanceof InputType.InputTypeRecurrent sequence && collapsed
                ? InputType.feedForward(sequence.getSize()) : declared;
    }
}
